package dev.weft.router.sse;

import dev.weft.router.internal.Json;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * One server-sent event (HTML Living Standard, "Server-sent events"): data, and optionally an
 * event name, an id and a reconnection delay.
 *
 * <pre>{@code
 * SseEvent.data("hello");
 * SseEvent.json(todo).event("created").id("42");
 * }</pre>
 *
 * @param data  the data; each line becomes a {@code data:} field
 * @param event the event name, or {@code null} for the default {@code message}
 * @param id    the event id, or {@code null}
 * @param retry the reconnection delay the client should use, or {@code null}
 */
public record SseEvent(String data, String event, String id, Duration retry) {

    /** Validates the fields: names and ids cannot contain line breaks. */
    public SseEvent {
        Objects.requireNonNull(data, "data");
        noLineBreak(event, "event");
        noLineBreak(id, "id");
    }

    private static void noLineBreak(String s, String what) {
        if (s != null && (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("SSE " + what + " cannot contain a line break");
        }
    }

    /** An event with text data. */
    public static SseEvent data(String data) {
        return new SseEvent(data, null, null, null);
    }

    /** An event whose data is {@code value} as JSON. */
    public static SseEvent json(Object value) {
        return data(new String(Json.defaults().write(value), StandardCharsets.UTF_8));
    }

    /** This event with a name. */
    public SseEvent event(String name) {
        return new SseEvent(data, name, id, retry);
    }

    /** This event with an id. */
    public SseEvent id(String eventId) {
        return new SseEvent(data, event, eventId, retry);
    }

    /** This event with a reconnection delay. */
    public SseEvent retry(Duration delay) {
        return new SseEvent(data, event, id, delay);
    }

    /** The event in wire format, ending with the blank line. */
    String encode() {
        StringBuilder sb = new StringBuilder(data.length() + 32);
        if (id != null) {
            sb.append("id: ").append(id).append('\n');
        }
        if (event != null) {
            sb.append("event: ").append(event).append('\n');
        }
        if (retry != null) {
            sb.append("retry: ").append(retry.toMillis()).append('\n');
        }
        int start = 0;
        String d = data.replace("\r\n", "\n").replace('\r', '\n');
        while (true) {
            int nl = d.indexOf('\n', start);
            sb.append("data: ").append(d, start, nl < 0 ? d.length() : nl).append('\n');
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        return sb.append('\n').toString();
    }
}
