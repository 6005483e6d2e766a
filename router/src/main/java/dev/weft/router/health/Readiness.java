package dev.weft.router.health;

import dev.weft.http.HttpStatus;
import dev.weft.router.Handler;
import dev.weft.runtime.Async;
import dev.weft.runtime.AsyncRuntime;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.TaskFailedException;
import dev.weft.runtime.time.Time;
import dev.weft.runtime.time.TimeoutException;
import dev.weft.server.Response;
import dev.weft.server.Server;
import dev.weft.server.ServerPhase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readiness answer: the phase of every server running the router, then the checks, run
 * concurrently on virtual threads, each bounded by its timeout.
 *
 * <p>Shared by every worker answering readiness; the list of servers is written when a server
 * starts (on its starting thread) and read by handlers, hence copy-on-write.
 */
final class Readiness implements Handler.H0, Consumer<Server> {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(Health.class);

    /** A check as added to the builder. */
    record NamedCheck(String name, Duration timeout, HealthCheck check) {
    }

    private final transient List<NamedCheck> checks;
    private final transient List<Server> servers = new CopyOnWriteArrayList<>();

    Readiness(List<NamedCheck> checks) {
        this.checks = checks;
    }

    /** Readiness also follows {@code server}'s phase from now on (called as the server starts). */
    @Override
    public void accept(Server server) {
        servers.add(server);
    }

    /** The readiness endpoint's handler. */
    @Override
    public Async<Response> handle() {
        for (Server server : servers) {
            ServerPhase phase = server.phase();
            if (phase != ServerPhase.SERVING) {
                return Async.ready(notReady(List.of("server on port " + server.port() + " is " + phase)));
            }
        }
        if (checks.isEmpty()) {
            return Async.ready(Response.text("ready\n"));
        }
        List<Async<String>> runs = new ArrayList<>(checks.size());
        for (NamedCheck c : checks) {
            runs.add(run(c));
        }
        return Async.join(runs).map(Readiness::respond);
    }

    private static Response respond(List<String> failures) {
        List<String> failed = new ArrayList<>();
        for (String f : failures) {
            if (f != null) {
                failed.add(f);
            }
        }
        return failed.isEmpty() ? Response.text("ready\n") : notReady(failed);
    }

    private static Response notReady(List<String> reasons) {
        StringBuilder text = new StringBuilder("not ready\n");
        for (String reason : reasons) {
            text.append(reason).append('\n');
        }
        return Response.text(HttpStatus.SERVICE_UNAVAILABLE, text.toString());
    }

    /** One run of one check: null when it passed, else why not. */
    private static Async<String> run(NamedCheck c) {
        JoinHandle<Void> thread = AsyncRuntime.current().spawnBlocking(new Run(c.check()));
        return Time.timeout(c.timeout(), thread).map(Readiness::passed).recover(e -> {
            thread.abort(); // interrupts a check still running at its timeout
            String why = failure(c, e);
            log.warn("readiness: {}", why);
            return why;
        });
    }

    private static String passed(Void ignored) {
        return null;
    }

    private static String failure(NamedCheck c, RuntimeException e) {
        if (e instanceof TimeoutException) {
            return "check '" + c.name() + "' timed out after " + c.timeout();
        }
        Throwable cause = e instanceof TaskFailedException && e.getCause() != null ? e.getCause() : e;
        return "check '" + c.name() + "' failed: " + cause;
    }

    /** A check as blocking work. */
    private record Run(HealthCheck check) implements java.util.concurrent.Callable<Void> {
        @Override
        public Void call() throws Exception {
            check.check();
            return null;
        }
    }
}
