package dev.weft.router;

import dev.weft.codec.HttpMethod;

/**
 * The route methods of {@link Router}, one overload per number of extractors (zero to six, the
 * last of which may read the body). Generated: each method only builds a {@link Spec} whose
 * invoker calls the extractors in order and then the handler, with no array and no reflection.
 */
abstract sealed class RouteMethods permits Router {

    RouteMethods() {
    }

    abstract Router add(HttpMethod method, String path, Spec spec);

    /** GET 0 extractor(s); see {@link Router}. */
    public final Router get(String path, Handler.H0 handler) {
        return add(HttpMethod.GET, path, new Spec(handler, cx -> handler.handle()));
    }

    /** GET 1 extractor(s); see {@link Router}. */
    public final <A> Router get(String path, Extractor<A> a, Handler.H1<A> handler) {
        return add(HttpMethod.GET, path, new Spec(handler, cx -> handler.handle(a.extract(cx)), a));
    }

    /** GET 1 extractor(s) (body last); see {@link Router}. */
    public final <A> Router get(String path, BodyExtractor<A> a, Handler.H1<A> handler) {
        return add(HttpMethod.GET, path, new Spec(handler, cx -> { return Then.of(a.extract(cx), v -> handler.handle(v)); }, a));
    }

    /** GET 2 extractor(s); see {@link Router}. */
    public final <A, B> Router get(String path, Extractor<A> a, Extractor<B> b, Handler.H2<A, B> handler) {
        return add(HttpMethod.GET, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx)), a, b));
    }

    /** GET 2 extractor(s) (body last); see {@link Router}. */
    public final <A, B> Router get(String path, Extractor<A> a, BodyExtractor<B> b, Handler.H2<A, B> handler) {
        return add(HttpMethod.GET, path, new Spec(handler, cx -> { A va = a.extract(cx); return Then.of(b.extract(cx), v -> handler.handle(va, v)); }, a, b));
    }

    /** GET 3 extractor(s); see {@link Router}. */
    public final <A, B, C> Router get(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler.H3<A, B, C> handler) {
        return add(HttpMethod.GET, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx)), a, b, c));
    }

    /** GET 3 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C> Router get(String path, Extractor<A> a, Extractor<B> b, BodyExtractor<C> c, Handler.H3<A, B, C> handler) {
        return add(HttpMethod.GET, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); return Then.of(c.extract(cx), v -> handler.handle(va, vb, v)); }, a, b, c));
    }

    /** GET 4 extractor(s); see {@link Router}. */
    public final <A, B, C, D> Router get(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(HttpMethod.GET, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx)), a, b, c, d));
    }

    /** GET 4 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D> Router get(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, BodyExtractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(HttpMethod.GET, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); return Then.of(d.extract(cx), v -> handler.handle(va, vb, vc, v)); }, a, b, c, d));
    }

    /** GET 5 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E> Router get(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(HttpMethod.GET, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx)), a, b, c, d, e));
    }

    /** GET 5 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E> Router get(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, BodyExtractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(HttpMethod.GET, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); return Then.of(e.extract(cx), v -> handler.handle(va, vb, vc, vd, v)); }, a, b, c, d, e));
    }

    /** GET 6 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E, F> Router get(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(HttpMethod.GET, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx), f.extract(cx)), a, b, c, d, e, f));
    }

    /** GET 6 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E, F> Router get(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, BodyExtractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(HttpMethod.GET, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); E ve = e.extract(cx); return Then.of(f.extract(cx), v -> handler.handle(va, vb, vc, vd, ve, v)); }, a, b, c, d, e, f));
    }

    /** POST 0 extractor(s); see {@link Router}. */
    public final Router post(String path, Handler.H0 handler) {
        return add(HttpMethod.POST, path, new Spec(handler, cx -> handler.handle()));
    }

    /** POST 1 extractor(s); see {@link Router}. */
    public final <A> Router post(String path, Extractor<A> a, Handler.H1<A> handler) {
        return add(HttpMethod.POST, path, new Spec(handler, cx -> handler.handle(a.extract(cx)), a));
    }

    /** POST 1 extractor(s) (body last); see {@link Router}. */
    public final <A> Router post(String path, BodyExtractor<A> a, Handler.H1<A> handler) {
        return add(HttpMethod.POST, path, new Spec(handler, cx -> { return Then.of(a.extract(cx), v -> handler.handle(v)); }, a));
    }

    /** POST 2 extractor(s); see {@link Router}. */
    public final <A, B> Router post(String path, Extractor<A> a, Extractor<B> b, Handler.H2<A, B> handler) {
        return add(HttpMethod.POST, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx)), a, b));
    }

    /** POST 2 extractor(s) (body last); see {@link Router}. */
    public final <A, B> Router post(String path, Extractor<A> a, BodyExtractor<B> b, Handler.H2<A, B> handler) {
        return add(HttpMethod.POST, path, new Spec(handler, cx -> { A va = a.extract(cx); return Then.of(b.extract(cx), v -> handler.handle(va, v)); }, a, b));
    }

    /** POST 3 extractor(s); see {@link Router}. */
    public final <A, B, C> Router post(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler.H3<A, B, C> handler) {
        return add(HttpMethod.POST, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx)), a, b, c));
    }

    /** POST 3 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C> Router post(String path, Extractor<A> a, Extractor<B> b, BodyExtractor<C> c, Handler.H3<A, B, C> handler) {
        return add(HttpMethod.POST, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); return Then.of(c.extract(cx), v -> handler.handle(va, vb, v)); }, a, b, c));
    }

    /** POST 4 extractor(s); see {@link Router}. */
    public final <A, B, C, D> Router post(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(HttpMethod.POST, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx)), a, b, c, d));
    }

    /** POST 4 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D> Router post(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, BodyExtractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(HttpMethod.POST, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); return Then.of(d.extract(cx), v -> handler.handle(va, vb, vc, v)); }, a, b, c, d));
    }

    /** POST 5 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E> Router post(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(HttpMethod.POST, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx)), a, b, c, d, e));
    }

    /** POST 5 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E> Router post(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, BodyExtractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(HttpMethod.POST, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); return Then.of(e.extract(cx), v -> handler.handle(va, vb, vc, vd, v)); }, a, b, c, d, e));
    }

    /** POST 6 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E, F> Router post(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(HttpMethod.POST, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx), f.extract(cx)), a, b, c, d, e, f));
    }

    /** POST 6 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E, F> Router post(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, BodyExtractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(HttpMethod.POST, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); E ve = e.extract(cx); return Then.of(f.extract(cx), v -> handler.handle(va, vb, vc, vd, ve, v)); }, a, b, c, d, e, f));
    }

    /** PUT 0 extractor(s); see {@link Router}. */
    public final Router put(String path, Handler.H0 handler) {
        return add(HttpMethod.PUT, path, new Spec(handler, cx -> handler.handle()));
    }

    /** PUT 1 extractor(s); see {@link Router}. */
    public final <A> Router put(String path, Extractor<A> a, Handler.H1<A> handler) {
        return add(HttpMethod.PUT, path, new Spec(handler, cx -> handler.handle(a.extract(cx)), a));
    }

    /** PUT 1 extractor(s) (body last); see {@link Router}. */
    public final <A> Router put(String path, BodyExtractor<A> a, Handler.H1<A> handler) {
        return add(HttpMethod.PUT, path, new Spec(handler, cx -> { return Then.of(a.extract(cx), v -> handler.handle(v)); }, a));
    }

    /** PUT 2 extractor(s); see {@link Router}. */
    public final <A, B> Router put(String path, Extractor<A> a, Extractor<B> b, Handler.H2<A, B> handler) {
        return add(HttpMethod.PUT, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx)), a, b));
    }

    /** PUT 2 extractor(s) (body last); see {@link Router}. */
    public final <A, B> Router put(String path, Extractor<A> a, BodyExtractor<B> b, Handler.H2<A, B> handler) {
        return add(HttpMethod.PUT, path, new Spec(handler, cx -> { A va = a.extract(cx); return Then.of(b.extract(cx), v -> handler.handle(va, v)); }, a, b));
    }

    /** PUT 3 extractor(s); see {@link Router}. */
    public final <A, B, C> Router put(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler.H3<A, B, C> handler) {
        return add(HttpMethod.PUT, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx)), a, b, c));
    }

    /** PUT 3 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C> Router put(String path, Extractor<A> a, Extractor<B> b, BodyExtractor<C> c, Handler.H3<A, B, C> handler) {
        return add(HttpMethod.PUT, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); return Then.of(c.extract(cx), v -> handler.handle(va, vb, v)); }, a, b, c));
    }

    /** PUT 4 extractor(s); see {@link Router}. */
    public final <A, B, C, D> Router put(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(HttpMethod.PUT, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx)), a, b, c, d));
    }

    /** PUT 4 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D> Router put(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, BodyExtractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(HttpMethod.PUT, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); return Then.of(d.extract(cx), v -> handler.handle(va, vb, vc, v)); }, a, b, c, d));
    }

    /** PUT 5 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E> Router put(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(HttpMethod.PUT, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx)), a, b, c, d, e));
    }

    /** PUT 5 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E> Router put(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, BodyExtractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(HttpMethod.PUT, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); return Then.of(e.extract(cx), v -> handler.handle(va, vb, vc, vd, v)); }, a, b, c, d, e));
    }

    /** PUT 6 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E, F> Router put(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(HttpMethod.PUT, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx), f.extract(cx)), a, b, c, d, e, f));
    }

    /** PUT 6 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E, F> Router put(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, BodyExtractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(HttpMethod.PUT, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); E ve = e.extract(cx); return Then.of(f.extract(cx), v -> handler.handle(va, vb, vc, vd, ve, v)); }, a, b, c, d, e, f));
    }

    /** PATCH 0 extractor(s); see {@link Router}. */
    public final Router patch(String path, Handler.H0 handler) {
        return add(HttpMethod.PATCH, path, new Spec(handler, cx -> handler.handle()));
    }

    /** PATCH 1 extractor(s); see {@link Router}. */
    public final <A> Router patch(String path, Extractor<A> a, Handler.H1<A> handler) {
        return add(HttpMethod.PATCH, path, new Spec(handler, cx -> handler.handle(a.extract(cx)), a));
    }

    /** PATCH 1 extractor(s) (body last); see {@link Router}. */
    public final <A> Router patch(String path, BodyExtractor<A> a, Handler.H1<A> handler) {
        return add(HttpMethod.PATCH, path, new Spec(handler, cx -> { return Then.of(a.extract(cx), v -> handler.handle(v)); }, a));
    }

    /** PATCH 2 extractor(s); see {@link Router}. */
    public final <A, B> Router patch(String path, Extractor<A> a, Extractor<B> b, Handler.H2<A, B> handler) {
        return add(HttpMethod.PATCH, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx)), a, b));
    }

    /** PATCH 2 extractor(s) (body last); see {@link Router}. */
    public final <A, B> Router patch(String path, Extractor<A> a, BodyExtractor<B> b, Handler.H2<A, B> handler) {
        return add(HttpMethod.PATCH, path, new Spec(handler, cx -> { A va = a.extract(cx); return Then.of(b.extract(cx), v -> handler.handle(va, v)); }, a, b));
    }

    /** PATCH 3 extractor(s); see {@link Router}. */
    public final <A, B, C> Router patch(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler.H3<A, B, C> handler) {
        return add(HttpMethod.PATCH, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx)), a, b, c));
    }

    /** PATCH 3 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C> Router patch(String path, Extractor<A> a, Extractor<B> b, BodyExtractor<C> c, Handler.H3<A, B, C> handler) {
        return add(HttpMethod.PATCH, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); return Then.of(c.extract(cx), v -> handler.handle(va, vb, v)); }, a, b, c));
    }

    /** PATCH 4 extractor(s); see {@link Router}. */
    public final <A, B, C, D> Router patch(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(HttpMethod.PATCH, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx)), a, b, c, d));
    }

    /** PATCH 4 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D> Router patch(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, BodyExtractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(HttpMethod.PATCH, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); return Then.of(d.extract(cx), v -> handler.handle(va, vb, vc, v)); }, a, b, c, d));
    }

    /** PATCH 5 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E> Router patch(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(HttpMethod.PATCH, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx)), a, b, c, d, e));
    }

    /** PATCH 5 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E> Router patch(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, BodyExtractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(HttpMethod.PATCH, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); return Then.of(e.extract(cx), v -> handler.handle(va, vb, vc, vd, v)); }, a, b, c, d, e));
    }

    /** PATCH 6 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E, F> Router patch(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(HttpMethod.PATCH, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx), f.extract(cx)), a, b, c, d, e, f));
    }

    /** PATCH 6 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E, F> Router patch(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, BodyExtractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(HttpMethod.PATCH, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); E ve = e.extract(cx); return Then.of(f.extract(cx), v -> handler.handle(va, vb, vc, vd, ve, v)); }, a, b, c, d, e, f));
    }

    /** DELETE 0 extractor(s); see {@link Router}. */
    public final Router delete(String path, Handler.H0 handler) {
        return add(HttpMethod.DELETE, path, new Spec(handler, cx -> handler.handle()));
    }

    /** DELETE 1 extractor(s); see {@link Router}. */
    public final <A> Router delete(String path, Extractor<A> a, Handler.H1<A> handler) {
        return add(HttpMethod.DELETE, path, new Spec(handler, cx -> handler.handle(a.extract(cx)), a));
    }

    /** DELETE 1 extractor(s) (body last); see {@link Router}. */
    public final <A> Router delete(String path, BodyExtractor<A> a, Handler.H1<A> handler) {
        return add(HttpMethod.DELETE, path, new Spec(handler, cx -> { return Then.of(a.extract(cx), v -> handler.handle(v)); }, a));
    }

    /** DELETE 2 extractor(s); see {@link Router}. */
    public final <A, B> Router delete(String path, Extractor<A> a, Extractor<B> b, Handler.H2<A, B> handler) {
        return add(HttpMethod.DELETE, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx)), a, b));
    }

    /** DELETE 2 extractor(s) (body last); see {@link Router}. */
    public final <A, B> Router delete(String path, Extractor<A> a, BodyExtractor<B> b, Handler.H2<A, B> handler) {
        return add(HttpMethod.DELETE, path, new Spec(handler, cx -> { A va = a.extract(cx); return Then.of(b.extract(cx), v -> handler.handle(va, v)); }, a, b));
    }

    /** DELETE 3 extractor(s); see {@link Router}. */
    public final <A, B, C> Router delete(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler.H3<A, B, C> handler) {
        return add(HttpMethod.DELETE, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx)), a, b, c));
    }

    /** DELETE 3 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C> Router delete(String path, Extractor<A> a, Extractor<B> b, BodyExtractor<C> c, Handler.H3<A, B, C> handler) {
        return add(HttpMethod.DELETE, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); return Then.of(c.extract(cx), v -> handler.handle(va, vb, v)); }, a, b, c));
    }

    /** DELETE 4 extractor(s); see {@link Router}. */
    public final <A, B, C, D> Router delete(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(HttpMethod.DELETE, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx)), a, b, c, d));
    }

    /** DELETE 4 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D> Router delete(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, BodyExtractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(HttpMethod.DELETE, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); return Then.of(d.extract(cx), v -> handler.handle(va, vb, vc, v)); }, a, b, c, d));
    }

    /** DELETE 5 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E> Router delete(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(HttpMethod.DELETE, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx)), a, b, c, d, e));
    }

    /** DELETE 5 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E> Router delete(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, BodyExtractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(HttpMethod.DELETE, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); return Then.of(e.extract(cx), v -> handler.handle(va, vb, vc, vd, v)); }, a, b, c, d, e));
    }

    /** DELETE 6 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E, F> Router delete(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(HttpMethod.DELETE, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx), f.extract(cx)), a, b, c, d, e, f));
    }

    /** DELETE 6 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E, F> Router delete(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, BodyExtractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(HttpMethod.DELETE, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); E ve = e.extract(cx); return Then.of(f.extract(cx), v -> handler.handle(va, vb, vc, vd, ve, v)); }, a, b, c, d, e, f));
    }

    /** HEAD 0 extractor(s); see {@link Router}. */
    public final Router head(String path, Handler.H0 handler) {
        return add(HttpMethod.HEAD, path, new Spec(handler, cx -> handler.handle()));
    }

    /** HEAD 1 extractor(s); see {@link Router}. */
    public final <A> Router head(String path, Extractor<A> a, Handler.H1<A> handler) {
        return add(HttpMethod.HEAD, path, new Spec(handler, cx -> handler.handle(a.extract(cx)), a));
    }

    /** HEAD 1 extractor(s) (body last); see {@link Router}. */
    public final <A> Router head(String path, BodyExtractor<A> a, Handler.H1<A> handler) {
        return add(HttpMethod.HEAD, path, new Spec(handler, cx -> { return Then.of(a.extract(cx), v -> handler.handle(v)); }, a));
    }

    /** HEAD 2 extractor(s); see {@link Router}. */
    public final <A, B> Router head(String path, Extractor<A> a, Extractor<B> b, Handler.H2<A, B> handler) {
        return add(HttpMethod.HEAD, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx)), a, b));
    }

    /** HEAD 2 extractor(s) (body last); see {@link Router}. */
    public final <A, B> Router head(String path, Extractor<A> a, BodyExtractor<B> b, Handler.H2<A, B> handler) {
        return add(HttpMethod.HEAD, path, new Spec(handler, cx -> { A va = a.extract(cx); return Then.of(b.extract(cx), v -> handler.handle(va, v)); }, a, b));
    }

    /** HEAD 3 extractor(s); see {@link Router}. */
    public final <A, B, C> Router head(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler.H3<A, B, C> handler) {
        return add(HttpMethod.HEAD, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx)), a, b, c));
    }

    /** HEAD 3 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C> Router head(String path, Extractor<A> a, Extractor<B> b, BodyExtractor<C> c, Handler.H3<A, B, C> handler) {
        return add(HttpMethod.HEAD, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); return Then.of(c.extract(cx), v -> handler.handle(va, vb, v)); }, a, b, c));
    }

    /** HEAD 4 extractor(s); see {@link Router}. */
    public final <A, B, C, D> Router head(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(HttpMethod.HEAD, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx)), a, b, c, d));
    }

    /** HEAD 4 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D> Router head(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, BodyExtractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(HttpMethod.HEAD, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); return Then.of(d.extract(cx), v -> handler.handle(va, vb, vc, v)); }, a, b, c, d));
    }

    /** HEAD 5 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E> Router head(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(HttpMethod.HEAD, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx)), a, b, c, d, e));
    }

    /** HEAD 5 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E> Router head(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, BodyExtractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(HttpMethod.HEAD, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); return Then.of(e.extract(cx), v -> handler.handle(va, vb, vc, vd, v)); }, a, b, c, d, e));
    }

    /** HEAD 6 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E, F> Router head(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(HttpMethod.HEAD, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx), f.extract(cx)), a, b, c, d, e, f));
    }

    /** HEAD 6 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E, F> Router head(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, BodyExtractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(HttpMethod.HEAD, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); E ve = e.extract(cx); return Then.of(f.extract(cx), v -> handler.handle(va, vb, vc, vd, ve, v)); }, a, b, c, d, e, f));
    }

    /** OPTIONS 0 extractor(s); see {@link Router}. */
    public final Router options(String path, Handler.H0 handler) {
        return add(HttpMethod.OPTIONS, path, new Spec(handler, cx -> handler.handle()));
    }

    /** OPTIONS 1 extractor(s); see {@link Router}. */
    public final <A> Router options(String path, Extractor<A> a, Handler.H1<A> handler) {
        return add(HttpMethod.OPTIONS, path, new Spec(handler, cx -> handler.handle(a.extract(cx)), a));
    }

    /** OPTIONS 1 extractor(s) (body last); see {@link Router}. */
    public final <A> Router options(String path, BodyExtractor<A> a, Handler.H1<A> handler) {
        return add(HttpMethod.OPTIONS, path, new Spec(handler, cx -> { return Then.of(a.extract(cx), v -> handler.handle(v)); }, a));
    }

    /** OPTIONS 2 extractor(s); see {@link Router}. */
    public final <A, B> Router options(String path, Extractor<A> a, Extractor<B> b, Handler.H2<A, B> handler) {
        return add(HttpMethod.OPTIONS, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx)), a, b));
    }

    /** OPTIONS 2 extractor(s) (body last); see {@link Router}. */
    public final <A, B> Router options(String path, Extractor<A> a, BodyExtractor<B> b, Handler.H2<A, B> handler) {
        return add(HttpMethod.OPTIONS, path, new Spec(handler, cx -> { A va = a.extract(cx); return Then.of(b.extract(cx), v -> handler.handle(va, v)); }, a, b));
    }

    /** OPTIONS 3 extractor(s); see {@link Router}. */
    public final <A, B, C> Router options(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler.H3<A, B, C> handler) {
        return add(HttpMethod.OPTIONS, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx)), a, b, c));
    }

    /** OPTIONS 3 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C> Router options(String path, Extractor<A> a, Extractor<B> b, BodyExtractor<C> c, Handler.H3<A, B, C> handler) {
        return add(HttpMethod.OPTIONS, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); return Then.of(c.extract(cx), v -> handler.handle(va, vb, v)); }, a, b, c));
    }

    /** OPTIONS 4 extractor(s); see {@link Router}. */
    public final <A, B, C, D> Router options(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(HttpMethod.OPTIONS, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx)), a, b, c, d));
    }

    /** OPTIONS 4 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D> Router options(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, BodyExtractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(HttpMethod.OPTIONS, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); return Then.of(d.extract(cx), v -> handler.handle(va, vb, vc, v)); }, a, b, c, d));
    }

    /** OPTIONS 5 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E> Router options(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(HttpMethod.OPTIONS, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx)), a, b, c, d, e));
    }

    /** OPTIONS 5 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E> Router options(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, BodyExtractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(HttpMethod.OPTIONS, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); return Then.of(e.extract(cx), v -> handler.handle(va, vb, vc, vd, v)); }, a, b, c, d, e));
    }

    /** OPTIONS 6 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E, F> Router options(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(HttpMethod.OPTIONS, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx), f.extract(cx)), a, b, c, d, e, f));
    }

    /** OPTIONS 6 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E, F> Router options(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, BodyExtractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(HttpMethod.OPTIONS, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); E ve = e.extract(cx); return Then.of(f.extract(cx), v -> handler.handle(va, vb, vc, vd, ve, v)); }, a, b, c, d, e, f));
    }

    /** any 0 extractor(s); see {@link Router}. */
    public final Router any(String path, Handler.H0 handler) {
        return add(null, path, new Spec(handler, cx -> handler.handle()));
    }

    /** any 1 extractor(s); see {@link Router}. */
    public final <A> Router any(String path, Extractor<A> a, Handler.H1<A> handler) {
        return add(null, path, new Spec(handler, cx -> handler.handle(a.extract(cx)), a));
    }

    /** any 1 extractor(s) (body last); see {@link Router}. */
    public final <A> Router any(String path, BodyExtractor<A> a, Handler.H1<A> handler) {
        return add(null, path, new Spec(handler, cx -> { return Then.of(a.extract(cx), v -> handler.handle(v)); }, a));
    }

    /** any 2 extractor(s); see {@link Router}. */
    public final <A, B> Router any(String path, Extractor<A> a, Extractor<B> b, Handler.H2<A, B> handler) {
        return add(null, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx)), a, b));
    }

    /** any 2 extractor(s) (body last); see {@link Router}. */
    public final <A, B> Router any(String path, Extractor<A> a, BodyExtractor<B> b, Handler.H2<A, B> handler) {
        return add(null, path, new Spec(handler, cx -> { A va = a.extract(cx); return Then.of(b.extract(cx), v -> handler.handle(va, v)); }, a, b));
    }

    /** any 3 extractor(s); see {@link Router}. */
    public final <A, B, C> Router any(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler.H3<A, B, C> handler) {
        return add(null, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx)), a, b, c));
    }

    /** any 3 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C> Router any(String path, Extractor<A> a, Extractor<B> b, BodyExtractor<C> c, Handler.H3<A, B, C> handler) {
        return add(null, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); return Then.of(c.extract(cx), v -> handler.handle(va, vb, v)); }, a, b, c));
    }

    /** any 4 extractor(s); see {@link Router}. */
    public final <A, B, C, D> Router any(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(null, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx)), a, b, c, d));
    }

    /** any 4 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D> Router any(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, BodyExtractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(null, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); return Then.of(d.extract(cx), v -> handler.handle(va, vb, vc, v)); }, a, b, c, d));
    }

    /** any 5 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E> Router any(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(null, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx)), a, b, c, d, e));
    }

    /** any 5 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E> Router any(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, BodyExtractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(null, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); return Then.of(e.extract(cx), v -> handler.handle(va, vb, vc, vd, v)); }, a, b, c, d, e));
    }

    /** any 6 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E, F> Router any(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(null, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx), f.extract(cx)), a, b, c, d, e, f));
    }

    /** any 6 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E, F> Router any(String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, BodyExtractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(null, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); E ve = e.extract(cx); return Then.of(f.extract(cx), v -> handler.handle(va, vb, vc, vd, ve, v)); }, a, b, c, d, e, f));
    }

    /** route 0 extractor(s); see {@link Router}. */
    public final Router route(HttpMethod method, String path, Handler.H0 handler) {
        return add(method, path, new Spec(handler, cx -> handler.handle()));
    }

    /** route 1 extractor(s); see {@link Router}. */
    public final <A> Router route(HttpMethod method, String path, Extractor<A> a, Handler.H1<A> handler) {
        return add(method, path, new Spec(handler, cx -> handler.handle(a.extract(cx)), a));
    }

    /** route 1 extractor(s) (body last); see {@link Router}. */
    public final <A> Router route(HttpMethod method, String path, BodyExtractor<A> a, Handler.H1<A> handler) {
        return add(method, path, new Spec(handler, cx -> { return Then.of(a.extract(cx), v -> handler.handle(v)); }, a));
    }

    /** route 2 extractor(s); see {@link Router}. */
    public final <A, B> Router route(HttpMethod method, String path, Extractor<A> a, Extractor<B> b, Handler.H2<A, B> handler) {
        return add(method, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx)), a, b));
    }

    /** route 2 extractor(s) (body last); see {@link Router}. */
    public final <A, B> Router route(HttpMethod method, String path, Extractor<A> a, BodyExtractor<B> b, Handler.H2<A, B> handler) {
        return add(method, path, new Spec(handler, cx -> { A va = a.extract(cx); return Then.of(b.extract(cx), v -> handler.handle(va, v)); }, a, b));
    }

    /** route 3 extractor(s); see {@link Router}. */
    public final <A, B, C> Router route(HttpMethod method, String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Handler.H3<A, B, C> handler) {
        return add(method, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx)), a, b, c));
    }

    /** route 3 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C> Router route(HttpMethod method, String path, Extractor<A> a, Extractor<B> b, BodyExtractor<C> c, Handler.H3<A, B, C> handler) {
        return add(method, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); return Then.of(c.extract(cx), v -> handler.handle(va, vb, v)); }, a, b, c));
    }

    /** route 4 extractor(s); see {@link Router}. */
    public final <A, B, C, D> Router route(HttpMethod method, String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(method, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx)), a, b, c, d));
    }

    /** route 4 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D> Router route(HttpMethod method, String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, BodyExtractor<D> d, Handler.H4<A, B, C, D> handler) {
        return add(method, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); return Then.of(d.extract(cx), v -> handler.handle(va, vb, vc, v)); }, a, b, c, d));
    }

    /** route 5 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E> Router route(HttpMethod method, String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(method, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx)), a, b, c, d, e));
    }

    /** route 5 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E> Router route(HttpMethod method, String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, BodyExtractor<E> e, Handler.H5<A, B, C, D, E> handler) {
        return add(method, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); return Then.of(e.extract(cx), v -> handler.handle(va, vb, vc, vd, v)); }, a, b, c, d, e));
    }

    /** route 6 extractor(s); see {@link Router}. */
    public final <A, B, C, D, E, F> Router route(HttpMethod method, String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, Extractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(method, path, new Spec(handler, cx -> handler.handle(a.extract(cx), b.extract(cx), c.extract(cx), d.extract(cx), e.extract(cx), f.extract(cx)), a, b, c, d, e, f));
    }

    /** route 6 extractor(s) (body last); see {@link Router}. */
    public final <A, B, C, D, E, F> Router route(HttpMethod method, String path, Extractor<A> a, Extractor<B> b, Extractor<C> c, Extractor<D> d, Extractor<E> e, BodyExtractor<F> f, Handler.H6<A, B, C, D, E, F> handler) {
        return add(method, path, new Spec(handler, cx -> { A va = a.extract(cx); B vb = b.extract(cx); C vc = c.extract(cx); D vd = d.extract(cx); E ve = e.extract(cx); return Then.of(f.extract(cx), v -> handler.handle(va, vb, vc, vd, ve, v)); }, a, b, c, d, e, f));
    }
}
