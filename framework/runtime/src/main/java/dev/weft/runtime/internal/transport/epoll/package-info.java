/**
 * The epoll transport: Linux's epoll, sockets and an eventfd reached through the FFM API
 * ({@code java.lang.foreign}), with no JNI and nothing native to build; bytes move straight
 * between the caller's buffers and the kernel. The system calls are the shared Linux layer's
 * ({@code dev.weft.runtime.internal.linux}): reads, sends and the eventfd wake-up through its
 * critical binding (heap buffers in place), everything else, {@code epoll_pwait} included,
 * through its ordinary one.
 */
package dev.weft.runtime.internal.transport.epoll;
