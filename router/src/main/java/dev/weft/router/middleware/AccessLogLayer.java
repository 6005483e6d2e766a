package dev.weft.router.middleware;

import dev.weft.router.Middleware;
import dev.weft.runtime.Async;
import dev.weft.server.Request;
import dev.weft.server.Response;
import dev.weft.server.Service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** See {@link Layers#accessLog}. */
final class AccessLogLayer implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger("dev.weft.router.access");

    @Override
    public Async<Response> handle(Request request, Service next) {
        if (!LOG.isInfoEnabled()) {
            return next.call(request);
        }
        long start = System.nanoTime();
        return next.call(request).map(response -> {
            long micros = (System.nanoTime() - start) / 1000;
            // The client, not the balancer in front of it: resolved through the trusted proxies.
            LOG.info("{} {} {} {} {}.{} ms", request.clientAddress().getHostString(), request.method(),
                    request.target(), response.status().code(),
                    micros / 1000, String.format("%03d", micros % 1000));
            return response;
        });
    }
}
