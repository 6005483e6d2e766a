/**
 * The server's insides: how one connection turns bytes into requests for a
 * {@link dev.weft.server.Service} and its answers back into bytes. Nothing here is API.
 *
 * <p>May import: the JDK, {@code dev.weft.server} and {@code dev.weft.server.tls} (the API it
 * serves), {@code dev.weft.server.internal.tls} (key material for TLS), {@code dev.weft.runtime}
 * and its exported packages, {@code dev.weft.codec} and {@code dev.weft.http}, Reactive Streams and
 * SLF4J, and {@code sun.misc.Signal} ({@link dev.weft.server.internal.SignalShutdown} only);
 * never the runtime's or the codec's internals.
 *
 * <h2>A connection's life</h2>
 * The {@link dev.weft.server.internal.Acceptor} accepts a socket and spawns one
 * {@link dev.weft.server.internal.Connection} task for it. The connection reads and writes through
 * a {@link dev.weft.server.internal.SocketIo}: the socket as it is ({@link dev.weft.server.internal.PlainIo}),
 * or TLS records on the TLS port ({@link dev.weft.server.internal.TlsIo}, whose handshake the first
 * read drives); nothing above it knows which. Each poll of that task:
 * <ol>
 *   <li>{@link dev.weft.server.internal.RequestReader} reads what the socket has into the
 *       {@link dev.weft.server.internal.ReadBuffer} and decodes it: a head becomes an
 *       {@link dev.weft.server.internal.Exchange} and a call to the service; body bytes go to the
 *       request's {@link dev.weft.server.internal.RequestBodyChannel}, only while its subscriber can
 *       take them;</li>
 *   <li>{@link dev.weft.server.internal.ResponseWriter} polls the handlers, and writes the
 *       responses that are ready, in request order, into {@link dev.weft.server.internal.Outbound}:
 *       a head, then a fixed body or a streamed one, one buffer at a time;</li>
 *   <li>Outbound is flushed with one gathering write once nothing else moves;</li>
 *   <li>{@link dev.weft.server.internal.Deadlines} arms one timer for the nearest deadline.</li>
 * </ol>
 * Where the connection stands is three enums in {@link dev.weft.server.internal.ConnectionState}
 * (which requests it still takes, whether the socket's input is open, how it will close). It closes
 * once every exchange is answered and written and no request can follow; by lingering when the
 * client may still be sending ({@link dev.weft.server.internal.LingeringClose}); at once when the
 * client resets, a write fails, a deadline passes or the server's shutdown deadline does.
 *
 * <h2>Who may touch what</h2>
 * A connection's state, buffers and queues belong to its task: only its poll touches them, and
 * the runtime never polls one task on two threads at once. Every other thread hands a value over
 * and wakes the task; the list of those entry points, and what guards each, is in
 * {@link dev.weft.server.internal.Connection}'s class comment.
 *
 * <h2>A buffer's lifetime</h2>
 * Memory comes from {@link dev.weft.server.internal.BufferPool} as
 * {@link dev.weft.server.internal.PooledBuffer}s with a reference count, and goes back when the last
 * holder releases it. The holders are the read buffer (while it reads into it), a request body (a
 * slice waiting for demand, or owned by its subscriber until it asks for more, cancels, or the
 * response is sent), Outbound (each queued view, and its staging buffer), and on the TLS port
 * {@link dev.weft.server.internal.TlsIo} (received records, records to send, decrypted bytes that
 * did not fit, each only while it is not empty). So the echo can
 * write a slice straight from the read buffer, and the read buffer can move on, without either
 * overwriting what the other still needs. With {@code -Dweft.buffers.check=true} (every test run)
 * {@link dev.weft.server.internal.BufferChecks} turns any misuse into a loud failure where it
 * happens, and each server's {@link dev.weft.server.internal.BufferAccount} must balance when it
 * shuts down.
 */
package dev.weft.server.internal;
