package dev.weft.router.extract;

import dev.weft.router.BodyExtractor;
import dev.weft.router.RequestContext;
import dev.weft.router.internal.Json;
import dev.weft.router.internal.Mapped;
import dev.weft.router.internal.RouteCheck;
import dev.weft.runtime.Async;

import java.util.function.Function;

import tools.jackson.databind.ObjectReader;

/**
 * The {@code json(...)} extractor: checks the media type, buffers the body and reads it with the
 * router's JSON mapper (a reader per type, built when the router freezes).
 */
final class JsonBody<T> extends BodyExtractor<T> implements RouteCheck {

    private final Function<Json, ObjectReader> readerOf;

    JsonBody(Function<Json, ObjectReader> readerOf) {
        this.readerOf = readerOf;
    }

    @Override
    public void prepare(Json json) {
        readerOf.apply(json);
    }

    @Override
    public boolean readsJson() {
        return true;
    }

    @Override
    public Async<T> extract(RequestContext cx) {
        BodyReaders.requireType(cx, "application/json", "application/json");
        ObjectReader reader = readerOf.apply(Json.of(cx.jsonMapper()));
        return Mapped.map(BodyReaders.buffer(cx), bytes -> BodyReaders.<T>readJson(reader, bytes));
    }
}
