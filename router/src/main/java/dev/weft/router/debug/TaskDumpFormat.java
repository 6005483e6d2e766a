package dev.weft.router.debug;

import dev.weft.router.internal.Json;
import dev.weft.runtime.TaskDump;
import dev.weft.server.Request;

import java.util.Locale;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A {@link TaskDump} as text (one task a line, stacks indented) or as JSON. */
final class TaskDumpFormat {
    private TaskDumpFormat() {
    }

    /** JSON when the query says {@code format=json} or the client accepts JSON and not text first. */
    static boolean wantsJson(Request request) {
        String query = request.query();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.equals("format=json")) {
                    return true;
                }
                if (pair.equals("format=text")) {
                    return false;
                }
            }
        }
        String accept = request.headers().get("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json")
                && !accept.toLowerCase(Locale.ROOT).startsWith("text/");
    }

    static String text(TaskDump dump) {
        StringBuilder sb = new StringBuilder(128 + dump.tasks().size() * 96);
        sb.append("task dump at ").append(dump.takenAt()).append(": ").append(dump.tasks().size())
                .append(" live tasks\n");
        for (String w : dump.unanswered()) {
            sb.append("! ").append(w).append(" did not answer within ").append(RuntimeDebug.DUMP_WAIT.toMillis())
                    .append(" ms (a poll is blocking it): only its running task is listed\n");
        }
        sb.append(String.format(Locale.ROOT, "%-9s %10s %8s %12s  %s%n", "STATE", "AGE", "POLLS", "LAST POLL", "NAME"));
        for (TaskDump.Entry t : dump.tasks()) {
            sb.append(String.format(Locale.ROOT, "%-9s %10s %8s %12s  %s", t.state().label(),
                    t.ageNanos() < 0 ? "-" : millis(t.ageNanos()),
                    t.polls() < 0 ? "-" : Long.toString(t.polls()),
                    t.lastPollNanos() < 0 ? "-" : micros(t.lastPollNanos()),
                    t.name()));
            if (t.worker() != null) {
                sb.append("  on ").append(t.worker());
            }
            sb.append('\n');
            for (StackTraceElement f : t.stack()) {
                sb.append("        at ").append(f).append('\n');
            }
        }
        return sb.toString();
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1fus", nanos / 1e3);
    }

    static byte[] json(TaskDump dump) {
        ObjectNode root = Json.defaults().mapper().createObjectNode();
        root.put("takenAt", dump.takenAt().toString());
        ArrayNode unanswered = root.putArray("unanswered");
        dump.unanswered().forEach(unanswered::add);
        ArrayNode tasks = root.putArray("tasks");
        for (TaskDump.Entry t : dump.tasks()) {
            ObjectNode o = tasks.addObject();
            o.put("name", t.name());
            o.put("state", t.state().label());
            putOrNull(o, "ageNanos", t.ageNanos());
            putOrNull(o, "polls", t.polls());
            putOrNull(o, "lastPollNanos", t.lastPollNanos());
            o.put("worker", t.worker());
            ArrayNode stack = o.putArray("stack");
            t.stack().forEach(f -> stack.add(f.toString()));
        }
        return Json.defaults().write(root);
    }

    private static void putOrNull(ObjectNode o, String name, long value) {
        if (value < 0) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }
}
