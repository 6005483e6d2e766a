/**
 * The NIO transport: a {@code java.nio.channels.Selector} per worker and the JDK's socket
 * channels; it runs everywhere and is the reference the other transports are held to.
 */
package dev.weft.runtime.internal.transport.nio;
