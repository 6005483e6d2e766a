package dev.weft.examples.hello;

import dev.weft.router.Router;

/** The smallest Weft application: one route. */
public final class HelloApp {
    private HelloApp() {
    }

    /** {@code GET /} answers {@code Hello, World!}. */
    public static Router router() {
        return Router.create()
                .get("/", () -> "Hello, World!");
    }
}
