package dev.weft.router.middleware;

import dev.weft.http.HeaderName;
import dev.weft.router.Middleware;
import dev.weft.router.internal.RandomIds;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

/** See {@link Layers#requestId}. */
final class RequestIdLayer implements Middleware {
    static final String HEADER = "X-Request-Id";
    private static final HeaderName HEADER_NAME = HeaderName.of(HEADER);

    @Override
    public Async<Response> handle(Request request, Service next) {
        // An outer requestId layer already chose the id (an app's own stack under one that
        // observing adds): keep it, so the logs, the extension and the header agree.
        String id = request.extension(RequestId.class).map(RequestId::value).orElse(null);
        if (id == null) {
            id = request.headers().get(HEADER_NAME);
        }
        if (id == null || !sane(id)) {
            id = RandomIds.hex(2);
        }
        request.putExtension(RequestId.class, new RequestId(id));
        String value = id;
        return next.call(request).map(response -> Headers.set(response, HEADER_NAME, value));
    }

    /** Echoing a client's id into logs and headers is safe only for short, plain tokens. */
    static boolean sane(String id) {
        if (id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_' && c != '.' && c != ':') {
                return false;
            }
        }
        return true;
    }
}
