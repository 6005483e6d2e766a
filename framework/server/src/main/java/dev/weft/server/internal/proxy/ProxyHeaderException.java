package dev.weft.server.internal.proxy;

/** A connection's first bytes are not a well-formed PROXY protocol header; the message says why. */
public final class ProxyHeaderException extends Exception {
    ProxyHeaderException(String message) {
        super(message, null, false, false);
    }
}
