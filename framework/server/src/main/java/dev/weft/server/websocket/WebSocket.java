package dev.weft.server.websocket;

import dev.weft.codec.websocket.Close;
import dev.weft.runtime.Async;
import dev.weft.server.Request;

import java.util.Optional;

import org.reactivestreams.Publisher;

/**
 * One open WebSocket connection, seen by the application: messages in and out, each way with
 * backpressure.
 * <ul>
 *   <li><b>In</b>: {@link #receive()} one at a time, or {@link #messages()} as a Reactive Streams
 *       publisher (one subscriber). The session reads the socket only while a received message
 *       has somewhere to go, so a slow application stops the reader and the peer's TCP window
 *       fills: nothing is buffered beyond one message.</li>
 *   <li><b>Out</b>: {@link #send} completes once the message is queued; the queue holds
 *       {@link WebSocketConfig#sendQueueBytes()}, so a sender waits while a slow peer drains it.
 *       {@link #sendAll} sends a publisher's messages, asking for the next once the last is queued.</li>
 * </ul>
 *
 * <pre>{@code
 * WebSocketHandler echo = ws -> ws.sendAll(ws.messages());
 * WebSocketHandler greetOnce = ws -> ws.receive().flatMap(m -> m.isEmpty()
 *         ? Async.ready(null)
 *         : ws.send(WsMessage.text("hello, " + ((WsMessage.Text) m.get()).text())));
 * }</pre>
 *
 * <p>Threading: every method may be called from any thread; the values they return are polled by
 * whichever task awaits them.
 */
public interface WebSocket {

    /** The next message, or empty once the connection is closing and no message is left. */
    Async<Optional<WsMessage>> receive();

    /**
     * The incoming messages as a publisher (one subscriber, which replaces {@link #receive()}):
     * completes when the peer closes, fails when the connection breaks.
     */
    Publisher<WsMessage> messages();

    /**
     * Queues a message; completes once it is queued (waiting while the queue is full).
     * Fails with {@link WebSocketClosedException} once the connection is closing.
     */
    Async<Void> send(WsMessage message);

    /** Sends every message of {@code messages}, in order; completes when the publisher does. */
    Async<Void> sendAll(Publisher<? extends WsMessage> messages);

    /**
     * Starts the closing handshake with {@code code} (1000, 3000–4999, ...) and {@code reason}
     * once the messages already queued are sent. Idempotent.
     */
    void close(int code, String reason);

    /** The peer's close frame, once received. */
    Optional<Close> peerClose();

    /** The upgrade request (its headers, path, extensions set by middleware). */
    Request request();

    /** The subprotocol agreed in the handshake, or null. */
    String subprotocol();

    /** Whether permessage-deflate was agreed. */
    boolean compressed();
}
