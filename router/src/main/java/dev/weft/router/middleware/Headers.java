package dev.weft.router.middleware;

import dev.weft.server.Response;

/** Adding headers to a response a handler produced, even if its header map is read-only. */
final class Headers {
    private Headers() {
    }

    static Response set(Response response, String name, String value) {
        try {
            response.headers().set(name, value);
            return response;
        } catch (UnsupportedOperationException readOnly) {
            Response copy = new Response(response.status(), response.headers().copy(), response.body());
            copy.headers().set(name, value);
            return copy;
        }
    }

    static Response add(Response response, String name, String value) {
        try {
            response.headers().add(name, value);
            return response;
        } catch (UnsupportedOperationException readOnly) {
            Response copy = new Response(response.status(), response.headers().copy(), response.body());
            copy.headers().add(name, value);
            return copy;
        }
    }
}
