package dev.weft.router.debug;

import dev.weft.router.internal.Json;
import dev.weft.router.sse.SseBroadcaster;
import dev.weft.router.sse.SseEvent;
import dev.weft.runtime.Async;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.PollTimes;
import dev.weft.runtime.RuntimeMetrics;
import dev.weft.runtime.SlowPoll;
import dev.weft.runtime.time.Interval;
import dev.weft.runtime.time.MissedTickBehavior;
import dev.weft.runtime.time.Time;
import dev.weft.server.Server;
import dev.weft.server.ServerStats;

import java.time.Duration;
import java.util.List;

import org.reactivestreams.Publisher;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dashboard's data: once a second, while anyone watches, a sample of the runtime and the
 * server (rates over the last second, poll-time percentiles of the last second, the latest slow
 * polls) sent as one JSON event to every open stream.
 *
 * <p>Threads: the sampler is one task on the server's runtime; it alone touches the previous
 * sample. Streams subscribe from any task through the broadcaster, which is thread-safe; a stream
 * more than {@value #BACKLOG} samples behind is dropped.
 */
final class DashboardFeed {
    static final Duration PERIOD = Duration.ofSeconds(1);
    static final int BACKLOG = 16;
    /** Slow polls shown, newest first. */
    static final int SLOW_POLLS_SHOWN = 10;
    /** Stack frames shown per slow poll. */
    static final int FRAMES_SHOWN = 4;

    private final SseBroadcaster broadcaster = new SseBroadcaster(BACKLOG);

    Publisher<SseEvent> subscribe() {
        return broadcaster.subscribe();
    }

    void start(Server server) {
        server.runtime().spawn("debug-dashboard-sampler", new Sampler(server));
    }

    /** One sample's worth of counters, kept to turn the next one into rates. */
    private record Previous(long nanos, RuntimeMetrics runtime, ServerStats server) {
    }

    private final class Sampler implements Async<Void> {
        private final Server server;
        private final Interval every = Time.interval(PERIOD).missedTickBehavior(MissedTickBehavior.DELAY);
        private Previous previous;

        Sampler(Server server) {
            this.server = server;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            for (;;) {
                if (!every.pollTick(cx).isReady()) {
                    return Poll.pending();
                }
                if (server.phase() == dev.weft.server.ServerPhase.STOPPED) {
                    broadcaster.close();
                    return Poll.ready(null);
                }
                Previous now = new Previous(System.nanoTime(), server.runtime().metrics(), server.stats());
                if (previous != null && broadcaster.subscribers() > 0) {
                    broadcaster.send(SseEvent.data(new String(Json.defaults().write(sample(previous, now)),
                            java.nio.charset.StandardCharsets.UTF_8)).event("sample"));
                }
                previous = now;
            }
        }

        @Override
        public void cancel() {
            broadcaster.close();
        }

        private ObjectNode sample(Previous before, Previous now) {
            double seconds = Math.max(1e-3, (now.nanos - before.nanos) / 1e9);
            long wallNanos = Math.max(1, now.nanos - before.nanos);
            ObjectNode o = Json.defaults().mapper().createObjectNode();
            o.put("time", System.currentTimeMillis());
            ArrayNode workers = o.putArray("workers");
            long steals = 0;
            long polls = 0;
            for (int i = 0; i < now.runtime.workers().size(); i++) {
                RuntimeMetrics.Worker w = now.runtime.workers().get(i);
                RuntimeMetrics.Worker b = i < before.runtime.workers().size() ? before.runtime.workers().get(i) : w;
                double busy = clamp((w.busyNanos() - b.busyNanos()) / (double) wallNanos);
                double parked = clamp((w.parkedNanos() - b.parkedNanos()) / (double) wallNanos);
                ObjectNode wo = workers.addObject();
                wo.put("index", w.index());
                wo.put("busy", busy);
                wo.put("parked", Math.min(parked, 1 - busy));
                wo.put("idle", clamp(1 - busy - parked));
                wo.put("activity", w.activity().name().toLowerCase(java.util.Locale.ROOT));
                wo.put("queue", w.localQueueDepth());
                wo.put("pollsPerSecond", (w.polls() - b.polls()) / seconds);
                wo.put("stealsPerSecond", (w.steals() - b.steals()) / seconds);
                steals += w.steals() - b.steals();
                polls += w.polls() - b.polls();
            }
            o.put("injectionQueue", now.runtime.injectionQueueDepth());
            o.put("liveTasks", now.runtime.liveTasks());
            o.put("pollsPerSecond", polls / seconds);
            o.put("stealsPerSecond", steals / seconds);
            PollTimes lastSecond = now.runtime.pollTimes().minus(before.runtime.pollTimes());
            o.put("pollP50Micros", lastSecond.count() == 0 ? 0 : lastSecond.percentileNanos(0.5) / 1e3);
            o.put("pollP99Micros", lastSecond.count() == 0 ? 0 : lastSecond.percentileNanos(0.99) / 1e3);
            o.put("slowPollsTotal", now.runtime.slowPolls());
            ArrayNode slow = o.putArray("slowPolls");
            List<SlowPoll> incidents = server.runtime().slowPolls();
            for (int i = incidents.size() - 1; i >= 0 && i >= incidents.size() - SLOW_POLLS_SHOWN; i--) {
                SlowPoll s = incidents.get(i);
                ObjectNode so = slow.addObject();
                so.put("at", s.at().toString());
                so.put("task", s.task());
                so.put("worker", s.worker());
                so.put("runningMillis", s.runningMillis());
                ArrayNode frames = so.putArray("stack");
                s.stack().stream().limit(FRAMES_SHOWN).forEach(f -> frames.add(f.toString()));
            }
            ServerStats sv = now.server;
            o.put("connectionsOpen", sv.connectionsOpen());
            o.put("connectionsPerSecond", (sv.connectionsAccepted() - before.server.connectionsAccepted()) / seconds);
            o.put("requestsPerSecond", (sv.requests() - before.server.requests()) / seconds);
            o.put("requestsInFlight", sv.requestsInFlight());
            o.put("bytesInPerSecond", (sv.bytesRead() - before.server.bytesRead()) / seconds);
            o.put("bytesOutPerSecond", (sv.bytesWritten() - before.server.bytesWritten()) / seconds);
            return o;
        }

        private static double clamp(double v) {
            return Math.max(0, Math.min(1, v));
        }
    }
}
