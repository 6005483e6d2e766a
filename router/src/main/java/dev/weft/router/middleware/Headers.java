package dev.weft.router.middleware;

import dev.weft.http.HeaderName;
import dev.weft.http.HttpHeaders;
import dev.weft.server.Response;
import java.util.function.Consumer;

/** Adding headers to a response a handler produced, even if its header map is read-only. */
final class Headers {
    private Headers() {
    }

    static Response set(Response response, String name, String value) {
        return edit(response, h -> h.set(name, value));
    }

    /** As {@link #set(Response, String, String)}, with a name checked once, when it was made. */
    static Response set(Response response, HeaderName name, String value) {
        return edit(response, h -> h.set(name, value));
    }

    static Response add(Response response, String name, String value) {
        return edit(response, h -> h.add(name, value));
    }

    /** Applies {@code change} to the response's headers, or to a copy's when they are read-only. */
    private static Response edit(Response response, Consumer<HttpHeaders> change) {
        try {
            change.accept(response.headers());
            return response;
        } catch (UnsupportedOperationException readOnly) {
            Response copy = new Response(response.status(), response.headers().copy(), response.body());
            if (response.refusal() != null) {
                copy = copy.refused(response.refusal());
            }
            change.accept(copy.headers());
            return copy;
        }
    }
}
