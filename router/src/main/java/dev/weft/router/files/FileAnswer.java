package dev.weft.router.files;

import dev.weft.http.HttpHeaders;
import dev.weft.http.HttpMethod;
import dev.weft.http.HttpStatus;
import dev.weft.router.Problem;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.ResponseBody;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns an open file and the request's conditional and range headers into the response: 200,
 * 206 (one range, or several as {@code multipart/byteranges}), 304, 412 or 416. Non-blocking: the
 * bytes are sent later, by the server (zero-copy) or by a reader on a virtual thread.
 */
final class FileAnswer {
    private FileAnswer() {
    }

    static Response answer(Request request, FileLookup.Found f, boolean varies) {
        HttpHeaders h = new HttpHeaders();
        h.set("ETag", f.validators().etag());
        h.set("Last-Modified", f.validators().httpDate());
        if (varies) {
            h.set("Vary", "Accept-Encoding");
        }
        switch (f.validators().evaluate(request.headers())) {
            case NOT_MODIFIED -> {
                close(f);
                return new Response(HttpStatus.NOT_MODIFIED, h, ResponseBody.empty());
            }
            case FAILED -> {
                close(f);
                return withHeaders(Problem.of(HttpStatus.PRECONDITION_FAILED).detail("the file does not satisfy the request's preconditions")
                        .toResponse(), h);
            }
            case PROCEED -> {
            }
        }
        h.set("Accept-Ranges", "bytes");
        if (f.encoding() != null) {
            h.set("Content-Encoding", f.encoding());
        }
        ByteRanges.Outcome ranges = request.method().equals(HttpMethod.GET)
                && f.validators().rangeStillValid(request.headers().get("If-Range"))
                ? ByteRanges.parse(request.headers().get("Range"), f.size())
                : new ByteRanges.Ignore();
        return switch (ranges) {
            case ByteRanges.Ignore i -> {
                h.set("Content-Type", f.contentType());
                yield new Response(HttpStatus.OK, h, ResponseBody.file(f.channel(), 0, f.size()));
            }
            case ByteRanges.Unsatisfiable u -> {
                close(f);
                h.set("Content-Range", "bytes */" + f.size());
                yield withHeaders(Problem.of(HttpStatus.RANGE_NOT_SATISFIABLE).detail("no range of the Range header lies within the file's "
                        + f.size() + " bytes").toResponse(), h);
            }
            case ByteRanges.Satisfiable s when s.ranges().size() == 1 -> {
                ByteRanges.Range r = s.ranges().getFirst();
                h.set("Content-Type", f.contentType());
                h.set("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + f.size());
                yield new Response(HttpStatus.PARTIAL_CONTENT, h, ResponseBody.file(f.channel(), r.first(), r.length()));
            }
            case ByteRanges.Satisfiable s -> {
                String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                        + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
                RangesBody body = new RangesBody(f.channel(), s.ranges(), f.size(), f.contentType(), boundary);
                h.set("Content-Type", "multipart/byteranges; boundary=" + boundary);
                yield new Response(HttpStatus.PARTIAL_CONTENT, h, ResponseBody.stream(body, body.length()));
            }
        };
    }

    private static Response withHeaders(Response r, HttpHeaders extra) {
        for (String name : new String[] {"ETag", "Last-Modified", "Vary", "Content-Range"}) {
            String v = extra.get(name);
            if (v != null) {
                r.headers().set(name, v);
            }
        }
        return r;
    }

    static void close(FileLookup.Found f) {
        try {
            f.channel().close();
        } catch (java.io.IOException e) {
            // Nothing is lost when closing a file opened for reading fails.
        }
    }
}
