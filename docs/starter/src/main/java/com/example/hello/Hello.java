package com.example.hello;

import dev.weft.router.Router;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

/** Hello, World on Weft: {@code mvn compile exec:exec}, then {@code curl localhost:8080/}. */
public final class Hello {

    record Greeting(String message) {
    }

    public static void main(String[] args) throws InterruptedException {
        Router router = Router.create()
                .get("/", () -> "Hello, World!")
                .get("/json", () -> new Greeting("Hello, World!"));
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Server server = Server.start(ServerConfig.builder().port(port).build(), router);
        server.shutdownOnSignals();
        server.awaitTermination();
    }
}
