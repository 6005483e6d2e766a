package dev.weft.router.debug;

import static dev.weft.router.extract.Extractors.request;

import dev.weft.http.HttpStatus;
import dev.weft.router.Handler;
import dev.weft.router.Router;
import dev.weft.router.sse.Sse;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Server;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The debug endpoints of a running server, off until enabled here:
 * <ul>
 *   <li>{@code GET /debug/tasks}: every live task of the server's runtime (name, state, age, polls,
 *       last poll time; for a running task, its worker's stack), as text, or as JSON with
 *       {@code ?format=json} or {@code Accept: application/json};</li>
 *   <li>{@code GET /debug/runtime}: a live dashboard (workers busy, idle and parked, queue depths,
 *       steals, polls and poll-time percentiles, slow polls with their task's name, connections
 *       and requests per second), one HTML page with its script and style, shipped in this jar,
 *       fed once a second by {@code GET /debug/runtime/events} (server-sent events).</li>
 * </ul>
 * Every one of them is guarded by a {@link DebugAccess}: loopback clients only unless a token is
 * given. Enabling turns the runtime's {@linkplain dev.weft.runtime.AsyncRuntime#pollTiming(boolean)
 * poll timing} on when the server starts (the dump's ages and poll figures and the dashboard's
 * percentiles come from it): two clock reads per poll.
 *
 * <pre>{@code
 * Router router = Router.create().get("/", () -> "hello");
 * RuntimeDebug.enable(router);                                   // loopback only
 * // or: RuntimeDebug.enable(router, DebugAccess.token(System.getenv("WEFT_DEBUG_TOKEN")));
 * Server.start(ServerConfig.defaults(), router);
 * }</pre>
 */
public final class RuntimeDebug {
    /** Where the task dump is served. */
    public static final String TASKS_PATH = "/debug/tasks";
    /** Where the dashboard is served; its event stream is at {@code /debug/runtime/events}. */
    public static final String DASHBOARD_PATH = "/debug/runtime";
    /** How long a task dump waits for a busy worker to list its tasks. */
    static final Duration DUMP_WAIT = Duration.ofSeconds(1);

    private final AtomicReference<Server> server = new AtomicReference<>();
    private final DashboardFeed feed = new DashboardFeed();

    private RuntimeDebug() {
    }

    /** Enables the endpoints for loopback clients only; see {@link #enable(Router, DebugAccess)}. */
    public static RuntimeDebug enable(Router router) {
        return enable(router, DebugAccess.loopbackOnly());
    }

    /**
     * Adds the debug routes to {@code router}, behind {@code access}. They follow the server that
     * starts running the router ({@link Router#onServerStarting}); before one does they answer
     * {@code 503}.
     *
     * @return the endpoints, mostly for tests
     */
    public static RuntimeDebug enable(Router router, DebugAccess access) {
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(access, "access");
        RuntimeDebug debug = new RuntimeDebug();
        DashboardPage page = DashboardPage.load();
        router.group(new AccessGuard(access), r -> r
                .get(TASKS_PATH, request(), Handler.blocking(debug::tasks))
                .get(DASHBOARD_PATH, () -> page.response())
                .get(DASHBOARD_PATH + "/events", () -> debug.events()));
        router.onServerStarting(debug::bind);
        return debug;
    }

    private void bind(Server s) {
        server.set(s);
        s.runtime().pollTiming(true);
        feed.start(s);
    }

    private Object tasks(Request request) {
        Server s = server.get();
        if (s == null) {
            return Response.text(HttpStatus.SERVICE_UNAVAILABLE, "no server is running this router yet\n");
        }
        var dump = s.runtime().taskDump(DUMP_WAIT);
        if (TaskDumpFormat.wantsJson(request)) {
            return Response.bytes(HttpStatus.OK, "application/json", TaskDumpFormat.json(dump));
        }
        return Response.text(HttpStatus.OK, TaskDumpFormat.text(dump));
    }

    private Object events() {
        if (server.get() == null) {
            return Response.text(HttpStatus.SERVICE_UNAVAILABLE, "no server is running this router yet\n");
        }
        return Sse.of(feed.subscribe());
    }
}
