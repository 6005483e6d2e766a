package dev.weft.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A TLS connection that cannot be set up: its handshake failed or timed out, or the client did not
 * speak TLS at all. The client caused it, so the connection closes with a DEBUG line, counted as
 * {@link dev.weft.server.ServerStats.CloseCause#TLS_HANDSHAKE}.
 */
final class TlsFailure extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    TlsFailure(String message) {
        super(new IOException(message));
    }

    TlsFailure(String message, IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
