package dev.weft.router.debug;

import dev.weft.http.HttpStatus;

import dev.weft.router.Problem;
import dev.weft.server.Request;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Who may see the debug endpoints. A task dump shows stacks and task names, and the dashboard
 * the server's load: neither is for the public.
 *
 * <ul>
 *   <li>{@link #loopbackOnly()} (the default): only clients connected from the machine itself.
 *       The check is on the connection's own peer address, never on {@code X-Forwarded-For}:
 *       behind a proxy on the same machine every client would look local, so do not put these
 *       endpoints behind one with this policy.</li>
 *   <li>{@link #token(String)}: any client that presents the token, as
 *       {@code Authorization: Bearer <token>} or, for a browser (an {@code EventSource} cannot
 *       set headers), as the query parameter {@code token}. The comparison takes the same time
 *       whichever byte differs.</li>
 * </ul>
 *
 * <pre>{@code
 * RuntimeDebug.enable(router, DebugAccess.token(System.getenv("DEBUG_TOKEN")));
 * }</pre>
 */
public final class DebugAccess {
    /** The shortest token accepted: 16 characters, so it cannot be guessed by trying. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private final byte[] token;

    private DebugAccess(byte[] token) {
        this.token = token;
    }

    /** Only clients connected over a loopback address (127.0.0.0/8, ::1). */
    public static DebugAccess loopbackOnly() {
        return new DebugAccess(null);
    }

    /**
     * Any client presenting {@code token}.
     *
     * @throws IllegalArgumentException when the token is shorter than {@value #MIN_TOKEN_LENGTH}
     *     characters or contains characters outside printable ASCII
     */
    public static DebugAccess token(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("a debug token needs at least " + MIN_TOKEN_LENGTH
                    + " characters, was " + token.length());
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("a debug token must be printable ASCII without spaces");
            }
        }
        return new DebugAccess(token.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether this policy asks for a token (the page then passes it on to its event stream). */
    boolean usesToken() {
        return token != null;
    }

    /** Null when {@code request} may pass; otherwise the problem to answer. */
    Problem refusal(Request request) {
        if (token == null) {
            InetSocketAddress remote = request.remoteAddress();
            if (remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress()) {
                return null;
            }
            return Problem.of(HttpStatus.FORBIDDEN).title("Forbidden")
                    .detail("the debug endpoints answer only clients on this machine (loopback)");
        }
        String presented = presentedToken(request);
        if (presented == null) {
            return Problem.of(HttpStatus.UNAUTHORIZED).title("Unauthorized")
                    .detail("the debug endpoints need a token: 'Authorization: Bearer <token>' or '?token=<token>'");
        }
        // MessageDigest.isEqual compares every byte whatever the first difference (JDK 6u17+),
        // so the time taken does not tell how much of a guess was right.
        if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            return Problem.of(HttpStatus.UNAUTHORIZED).title("Unauthorized").detail("the debug token is wrong");
        }
        return null;
    }

    private static String presentedToken(Request request) {
        String auth = request.headers().get("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        String query = request.query();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                try {
                    return java.net.URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return ""; // a malformed escape: a wrong token, not a server error
                }
            }
        }
        return null;
    }
}
