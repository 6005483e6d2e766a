package dev.weft.router.debug;

import dev.weft.router.Middleware;
import dev.weft.router.Problem;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The layer in front of the debug routes: lets in what its {@link DebugAccess} allows, answers the rest. */
final class AccessGuard implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(AccessGuard.class);

    private final DebugAccess access;

    AccessGuard(DebugAccess access) {
        this.access = access;
    }

    @Override
    public Async<Response> handle(Request request, Service next) {
        Problem refusal = access.refusal(request);
        if (refusal == null) {
            return next.call(request);
        }
        // A client can send these as often as it likes: DEBUG, never WARN.
        LOG.debug("debug endpoint {} refused to {}: {}", request.path(), request.remoteAddress(), refusal.status());
        Response r = refusal.toResponse();
        if (refusal.status().code() == 401) {
            r = Response.builder(r.status()).header("WWW-Authenticate", "Bearer realm=\"weft-debug\"")
                    .header("Content-Type", Problem.CONTENT_TYPE).body(r.body()).build();
        }
        return Async.ready(r);
    }
}
