package dev.weft.router.sse;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpStatus;
import dev.weft.router.IntoResponse;
import dev.weft.server.Response;
import dev.weft.server.ResponseBody;

import java.time.Duration;
import java.util.Objects;

import org.reactivestreams.Publisher;

/**
 * A server-sent events response: return it from a handler.
 * <pre>{@code
 * router.get("/events", state(Feed.class), feed -> Sse.of(feed.subscribe()));
 * }</pre>
 * Events are written as the client reads them (the publisher sees the client's demand). When no
 * event has been sent for the keep-alive interval (15 s by default), a comment line is sent so that
 * proxies do not close an idle stream; keep-alives need a runtime, which the server provides.
 * The stream ends when the publisher completes or the client goes away (which cancels it).
 */
public final class Sse implements IntoResponse {

    /** The default keep-alive interval. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

    private final Publisher<SseEvent> events;
    private final Duration keepAlive;

    private Sse(Publisher<SseEvent> events, Duration keepAlive) {
        this.events = events;
        this.keepAlive = keepAlive;
    }

    /** An event stream from {@code events}, with keep-alive comments every 15 s of silence. */
    public static Sse of(Publisher<SseEvent> events) {
        return new Sse(Objects.requireNonNull(events, "events"), DEFAULT_KEEP_ALIVE);
    }

    /** This stream with another keep-alive interval, or none for {@code null}. */
    public Sse keepAlive(Duration interval) {
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("keep-alive interval must be positive: " + interval);
        }
        return new Sse(events, interval);
    }

    @Override
    public Response toResponse() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Content-Type", "text/event-stream");
        headers.set("Cache-Control", "no-cache");
        return new Response(HttpStatus.OK, headers, ResponseBody.stream(new SseBody(events, keepAlive), -1));
    }
}
