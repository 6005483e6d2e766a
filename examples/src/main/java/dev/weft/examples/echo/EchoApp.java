package dev.weft.examples.echo;

import static dev.weft.router.extract.Extractors.body;
import static dev.weft.router.extract.Extractors.bytes;
import static dev.weft.router.extract.Extractors.header;
import static dev.weft.router.extract.Extractors.optional;
import static dev.weft.router.extract.Extractors.path;
import static dev.weft.router.multipart.Multipart.multipart;
import static dev.weft.router.websocket.WebSockets.webSocket;
import static dev.weft.router.websocket.WebSockets.ws;

import dev.weft.http.HeaderName;
import dev.weft.http.HeaderValue;
import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpMethod;
import dev.weft.http.HttpStatus;
import dev.weft.router.Router;
import dev.weft.router.files.ServeDir;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.RequestBody;
import dev.weft.server.Response;
import dev.weft.server.ResponseBody;
import dev.weft.server.Service;
import dev.weft.server.websocket.WebSocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmarked server:
 * <ul>
 *   <li>{@code GET /plaintext} — {@code Hello, World!} as {@code text/plain}, from a body built once;</li>
 *   <li>{@code GET /json} — {@code {"message":"Hello, World!"}}, serialised by Jackson per request;</li>
 *   <li>{@code POST /echo} — the request body streamed back as it arrives (never buffered), with
 *       the request's Content-Type;</li>
 *   <li>{@code POST /echo/buffered} — the same answer from a handler that first reads the whole body
 *       into memory (up to the router's 2 MiB limit), then answers it as one fixed body;</li>
 *   <li>{@code GET /user/{id}} — {@code user <id>} as text;</li>
 *   <li>{@code GET /files/{*path}} — the files under {@code --files DIR}, when given (not benchmarked);</li>
 *   <li>{@code POST /upload} — a multipart upload, answered as JSON: each part's {@code name},
 *       {@code filename}, {@code size} and {@code sha256} (not benchmarked).</li>
 *   <li>{@code GET /ws} — a WebSocket echoing every message back (not benchmarked).</li>
 * </ul>
 * {@link #handWritten()} serves the same routes without the router, to measure what routing costs.
 */
public final class EchoApp {

    /** The JSON greeting. */
    public record Message(String message) {
    }

    private static final ByteBuffer HELLO =
            ByteBuffer.wrap("Hello, World!".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    private EchoApp() {
    }

    /** The echo routes. */
    public static Router router() {
        return router(null);
    }

    /** The echo routes, with {@code GET /files/{*path}} serving {@code files} when it is not null. */
    public static Router router(Path files) {
        Router router = Router.create()
                .get("/plaintext", EchoApp::plaintext)
                .get("/json", () -> new Message("Hello, World!"))
                .post("/echo", optional(header("Content-Type")), body(), EchoApp::echo)
                .post("/echo/buffered", optional(header("Content-Type")), bytes(), EchoApp::echoBuffered)
                .get("/user/{id}", path("id"), id -> "user " + id)
                .post("/upload", multipart(), Uploads::summarise)
                .get("/ws", webSocket(), ws(EchoApp::echoMessages));
        if (files != null) {
            router.nest("/files", ServeDir.of(files).precompressed().router());
        }
        return router;
    }

    /** Sends every message back, at the pace the client reads them. */
    static Async<Void> echoMessages(WebSocket socket) {
        return socket.sendAll(socket.messages());
    }

    /** {@code Hello, World!}: the body is built once; each response reads a duplicate of it. */
    static Response plaintext() {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HeaderName.CONTENT_TYPE, HeaderValue.TEXT_PLAIN);
        return new Response(HttpStatus.OK, headers, ResponseBody.of(HELLO));
    }

    /** Streams the body back: demand from the socket writer drives reading from the client. */
    static Response echo(Optional<String> contentType, RequestBody body) {
        HttpHeaders headers = new HttpHeaders();
        if (contentType.isPresent()) {
            headers.add(HeaderName.CONTENT_TYPE, contentType.get());
        } else {
            headers.add(HeaderName.CONTENT_TYPE, HeaderValue.APPLICATION_OCTET_STREAM);
        }
        return new Response(HttpStatus.OK, headers, ResponseBody.stream(body, body.contentLength()));
    }

    /** Answers the whole body at once, after the router has read it into memory. */
    static Response echoBuffered(Optional<String> contentType, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HeaderName.CONTENT_TYPE, contentType.orElse("application/octet-stream"));
        return new Response(HttpStatus.OK, headers, ResponseBody.of(body));
    }

    /**
     * The same four routes written by hand against {@link Service}, for the router-overhead
     * comparison on {@code GET /user/{id}}: same responses, no router.
     */
    public static Service handWritten() {
        return request -> Async.ready(handle(request));
    }

    private static Response handle(Request request) {
        String path = request.path();
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.GET)) {
            if (path.startsWith("/user/") && path.length() > 6 && path.indexOf('/', 6) < 0) {
                // As the router does for a String: UTF-8 bytes, pre-encoded Content-Type.
                HttpHeaders headers = new HttpHeaders();
                headers.add(HeaderName.CONTENT_TYPE, HeaderValue.TEXT_PLAIN_UTF8);
                byte[] text = ("user " + path.substring(6)).getBytes(StandardCharsets.UTF_8);
                return new Response(HttpStatus.OK, headers, ResponseBody.of(text));
            }
            if (path.equals("/plaintext")) {
                return plaintext();
            }
            if (path.equals("/json")) {
                HttpHeaders headers = new HttpHeaders();
                headers.add(HeaderName.CONTENT_TYPE, HeaderValue.APPLICATION_JSON);
                byte[] json = HandWrittenJson.MESSAGE_WRITER.writeValueAsBytes(new Message("Hello, World!"));
                return new Response(HttpStatus.OK, headers, ResponseBody.of(json));
            }
        } else if (method.equals(HttpMethod.POST) && path.equals("/echo")) {
            return echo(Optional.ofNullable(request.headers().get("Content-Type")), request.body());
        }
        return Response.of(HttpStatus.NOT_FOUND);
    }

    /**
     * The hand-written {@code /json} writer, in a holder so that Jackson (about 600 classes and a
     * third of the startup time) is loaded by the first {@code /json} request, not at startup:
     * as the router does with its own mapper, an app that never writes JSON never pays for it.
     */
    private static final class HandWrittenJson {
        static final ObjectWriter MESSAGE_WRITER = JsonMapper.builder().build().writerFor(Message.class);

        private HandWrittenJson() {
        }
    }
}
