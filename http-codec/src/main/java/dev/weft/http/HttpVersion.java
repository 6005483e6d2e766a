package dev.weft.http;

/**
 * The HTTP versions Weft speaks (RFC 9112 §2.3): the version of a request, which decides how
 * its response may be framed and whether the connection persists.
 *
 * <pre>{@code
 * if (head.version() == HttpVersion.HTTP_1_0) { ... }
 * }</pre>
 */
public enum HttpVersion {
    /** HTTP/1.0: connections close after each message unless {@code Connection: keep-alive}. */
    HTTP_1_0("HTTP/1.0"),
    /** HTTP/1.1: persistent connections by default (RFC 9112 §9.3). */
    HTTP_1_1("HTTP/1.1");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /** The protocol text as it appears on the wire, e.g. {@code "HTTP/1.1"}. */
    public String text() {
        return text;
    }
}
