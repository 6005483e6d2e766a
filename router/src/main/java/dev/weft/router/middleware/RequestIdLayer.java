package dev.weft.router.middleware;

import dev.weft.router.Middleware;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

import java.util.concurrent.ThreadLocalRandom;

/** See {@link Layers#requestId}. */
final class RequestIdLayer implements Middleware {
    static final String HEADER = "X-Request-Id";

    @Override
    public Async<Response> handle(Request request, Service next) {
        // An outer requestId layer already chose the id (an app's own stack under one that
        // observing adds): keep it, so the logs, the extension and the header agree.
        String id = request.extension(RequestId.class).map(RequestId::value).orElse(null);
        if (id == null) {
            id = request.headers().get(HEADER);
        }
        if (id == null || !sane(id)) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            id = Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
        }
        request.putExtension(RequestId.class, new RequestId(id));
        String value = id;
        return next.call(request).map(response -> Headers.set(response, HEADER, value));
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
