package dev.weft.server.internal;

import dev.weft.server.ServerStats.CloseCause;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * What the parts of one connection share: its exchanges in request order, the exchange whose body
 * is being decoded, the clock of the current poll, and where the connection stands, as three small
 * enums (hyper's {@code Reading} / {@code KA} idea) whose transitions are the methods below.
 *
 * <p>Touched only by the connection's task (see {@link Connection}); not thread-safe.
 */
final class ConnectionState {
    /** Which requests the connection still takes. */
    enum Reading {
        /** New requests: heads and bodies. */
        REQUESTS,
        /** Only the rest of the body being decoded; no further head is decoded (no more requests). */
        CURRENT_BODY,
        /** Nothing: no byte is decoded or read; the connection closes once what is due is written. */
        NOTHING
    }

    /** Whether bytes still come from the socket. */
    enum Input {
        OPEN,
        /** The client sent FIN (a half-close: what it sent is still answered, RFC 9112 §9.6). */
        EOF,
        /** The server stopped reading (an error, a refusal, a timeout); buffered bytes may still be decoded. */
        STOPPED
    }

    /** How the socket is closed when the connection is done. */
    enum Closing {
        /** Close at once: the client has sent everything it meant to, or nothing is lost by a reset. */
        CLOSE,
        /**
         * The server stops reading while the client may still be sending: close by lingering, so
         * that unread input does not turn into a reset that destroys the last response.
         */
        LINGER
    }

    /** Requests in flight before the connection stops reading more: bounds one client's memory. */
    static final int MAX_PIPELINED = 32;

    final ServerState server;
    /** The connection's bytes, plain or through TLS; {@code io.stream()} is the socket. */
    final SocketIo io;
    /** The peer: the socket's, or the source a PROXY protocol header named (set before any request). */
    InetSocketAddress remote;
    final InetSocketAddress local;
    /** What bodies call to ask for another poll; one per connection, not one per request. */
    final Runnable wake;
    final ArrayDeque<Exchange> exchanges = new ArrayDeque<>();
    /** Requests and bytes, for the server's stats; read racily by snapshots. */
    final ConnectionCounters counters = new ConnectionCounters();
    /**
     * Why the connection will close, for the server's stats: {@link CloseCause#DONE} unless a
     * timeout, a refused request or a failure decided otherwise.
     */
    CloseCause closeCause = CloseCause.DONE;
    /** The exchange whose body the decoder is in, from its head to its end; null between requests. */
    Exchange decoding;

    /**
     * A request asking to switch protocols ({@code Upgrade}), until it is answered: nothing after
     * it is decoded meanwhile, since those bytes may belong to the new protocol.
     */
    Exchange upgradeRequest;
    /** Set when the answer to {@link #upgradeRequest} was a 101 carrying the new protocol. */
    dev.weft.server.ConnectionUpgrade upgrade;

    Reading reading = Reading.REQUESTS;
    Input input = Input.OPEN;
    Closing closing = Closing.CLOSE;

    /**
     * The clock read once at the start of each poll. Deadlines are seconds long and a poll lasts
     * microseconds, so activity and timer checks in one poll share it: one clock read per poll
     * instead of one per event.
     */
    long now;
    /** The last time a byte moved either way (or a response finished). */
    long lastActivityNanos;
    /**
     * When the first byte of the request head being received arrived; 0 when no head is in
     * progress. The decoder consumes a partial head as it goes, so the read buffer cannot tell.
     */
    long headStartedNanos;

    ConnectionState(ServerState server, SocketIo io, Runnable wake) {
        this.server = server;
        this.io = io;
        this.wake = wake;
        this.remote = io.stream().remoteAddress();
        this.local = io.stream().localAddress();
        this.lastActivityNanos = System.nanoTime();
    }

    // ---- transitions --------------------------------------------------------------------------

    /** No request after the one being received is taken (Connection: close, shutdown). */
    void noMoreRequests() {
        if (reading == Reading.REQUESTS) {
            reading = Reading.CURRENT_BODY;
        }
    }

    /** No more requests and no more reading: answer what is due, then close. */
    void closeAfterResponses() {
        noMoreRequests();
        if (input == Input.OPEN) {
            input = Input.STOPPED;
        }
    }

    /** Decode and read nothing more; close as soon as what is due is written. */
    void closeAfterWrites() {
        reading = Reading.NOTHING;
        if (input == Input.OPEN) {
            input = Input.STOPPED;
        }
    }

    /** Close by lingering (see {@link Closing#LINGER}). */
    void lingerOnClose() {
        closing = Closing.LINGER;
    }

    /** The client's FIN was read. */
    void eof() {
        input = Input.EOF;
    }

    // ---- questions ----------------------------------------------------------------------------

    boolean eofSeen() {
        return input == Input.EOF;
    }

    /** Another request may follow on this connection. */
    boolean acceptsRequests() {
        return reading == Reading.REQUESTS && input == Input.OPEN;
    }

    /** A request asking to upgrade was decoded and is not answered yet. */
    boolean awaitingUpgradeAnswer() {
        return upgradeRequest != null && decoding != upgradeRequest;
    }

    /** Every exchange is answered and written, and no further request will come. */
    boolean isDone(Outbound out) {
        return exchanges.isEmpty() && out.isEmpty() && !io.hasBufferedOutput() && !acceptsRequests();
    }
}
