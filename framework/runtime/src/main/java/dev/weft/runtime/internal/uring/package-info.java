/**
 * io_uring through {@code java.lang.foreign}, with no JNI and no native library: the kernel's
 * structures and constants ({@code Uapi}), one ring with its shared submission and completion
 * queues ({@code Ring}), provided buffer rings ({@code BufferRing}), the probe of what this kernel
 * can do ({@code Probe}, {@code UringSupport}) and the eventfd wake that ends a worker's wait in
 * {@code io_uring_enter} ({@code RingParker}). The system calls, errno and the account of the
 * native memory all of it holds are the shared Linux layer's ({@code dev.weft.runtime.internal.linux}).
 *
 * <p>Every ring is single-issuer: it is created, submitted to, reaped and closed by one thread
 * (its owner); the only thing another thread may do is {@link
 * dev.weft.runtime.internal.uring.RingParker#unpark()}.
 *
 * <p>May import: the JDK, SLF4J and {@code dev.weft.runtime.internal.linux}.
 */
package dev.weft.runtime.internal.uring;
