package dev.weft.codec;

/**
 * The four forms of request-target (RFC 9112 §3.2).
 *
 * <pre>{@code
 * if (head.targetForm() == TargetForm.ASTERISK) { // OPTIONS * HTTP/1.1
 *     return allowedMethodsForServer();
 * }
 * }</pre>
 */
public enum TargetForm {
    /** {@code /path?query} — the usual form (RFC 9112 §3.2.1). */
    ORIGIN,
    /** {@code http://host/path?query} — sent to proxies, accepted by servers (RFC 9112 §3.2.2). */
    ABSOLUTE,
    /** {@code host:port} — only with CONNECT (RFC 9112 §3.2.3). */
    AUTHORITY,
    /** {@code *} — only with OPTIONS (RFC 9112 §3.2.4). */
    ASTERISK
}
