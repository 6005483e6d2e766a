/**
 * The transport seam: the internal SPI through which the runtime's reactor, {@code TcpStream} and
 * {@code TcpListener} reach the operating system, and the choice of one transport per runtime.
 *
 * <p>See {@link dev.weft.runtime.internal.transport.Transport} for how a readiness transport
 * (NIO, epoll) and a completion transport (io_uring) each map onto it.
 */
package dev.weft.runtime.internal.transport;
