/**
 * The epoll transport: Linux's epoll, sockets and an eventfd reached through the FFM API
 * ({@code java.lang.foreign}), with no JNI and nothing native to build; bytes move straight
 * between the caller's buffers and the kernel.
 */
package dev.weft.runtime.internal.transport.epoll;
