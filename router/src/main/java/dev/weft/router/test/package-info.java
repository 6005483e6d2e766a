/**
 * An in-process client that sends requests to a router (or any {@link dev.weft.server.Service})
 * without a socket, for tests. {@link dev.weft.router.test.TestClient} runs each request on a
 * fresh current-thread runtime, bounded by a timeout, and returns the whole response as a
 * {@link dev.weft.router.test.TestResponse}.
 *
 * <p>May import: the JDK, {@code dev.weft.router} and {@code dev.weft.router.internal}, and what
 * the router module reads (the exported packages of the server, runtime and codec,
 * {@code dev.weft.http}, Reactive Streams, Jackson, SLF4J); not the router's other sub-packages.
 *
 * <pre>{@code
 * TestClient client = TestClient.of(router);
 * TestResponse created = client.post("/todos").json(new NewTodo("write tests")).send();
 * assertEquals(201, created.status());
 * assertEquals("write tests", created.json(Todo.class).title());
 * }</pre>
 */
package dev.weft.router.test;
