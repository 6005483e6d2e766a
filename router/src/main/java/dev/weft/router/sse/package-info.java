/**
 * Server-sent events: the response type, the event, and a broadcaster many clients can follow.
 * A handler returns {@link dev.weft.router.sse.Sse} over a publisher of
 * {@link dev.weft.router.sse.SseEvent}s; events are written as the client reads them, with
 * keep-alive comments while the stream is idle. {@link dev.weft.router.sse.SseBroadcaster} sends
 * each event to every current subscriber and drops one that falls too far behind.
 *
 * <p>May import: the JDK, {@code dev.weft.router} and {@code dev.weft.router.internal}, and what
 * the router module reads (the exported packages of the server, runtime and codec,
 * {@code dev.weft.http}, Reactive Streams, Jackson, SLF4J); not the router's other sub-packages.
 *
 * <pre>{@code
 * SseBroadcaster feed = new SseBroadcaster(256);
 * router.get("/events", () -> Sse.of(feed.subscribe()));
 * feed.send(SseEvent.json(todo).event("created").id("42"));
 * }</pre>
 */
package dev.weft.router.sse;
