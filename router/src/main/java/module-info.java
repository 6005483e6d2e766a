/**
 * Weft's typed router: routes by method and path, typed extractors, responses from plain values,
 * middleware layers, server-sent events and an in-process test client. Start at
 * {@link dev.weft.router.Router}.
 *
 * <p>JSON goes through Jackson, which reflects on your records. On the class path nothing is
 * needed; in a named module, open the packages of your request and response types to Jackson
 * ({@code opens com.example.api to tools.jackson.databind;}) and, for records bound from paths,
 * queries and forms, to this module ({@code opens com.example.api to dev.weft.router;}).
 */
module dev.weft.router {
    requires transitive dev.weft.server;
    requires transitive tools.jackson.databind;
    requires org.slf4j;

    exports dev.weft.router;
    exports dev.weft.router.decompression;
    exports dev.weft.router.extract;
    exports dev.weft.router.debug;
    exports dev.weft.router.files;
    exports dev.weft.router.health;
    exports dev.weft.router.middleware;
    exports dev.weft.router.multipart;
    exports dev.weft.router.sse;
    exports dev.weft.router.test;
    exports dev.weft.router.websocket;

    // Json.warm() writes and reads a record of its own when the router freezes.
    opens dev.weft.router.internal to tools.jackson.databind;
}
