/**
 * The runtime's machinery, not exported: the task state machine and its owned-task lists, the
 * two schedulers ({@code MultiThreadScheduler} with its {@code Worker}s, work-stealing
 * {@code LocalQueue}s, {@code InjectionQueue} and {@code Idle} parking protocol;
 * {@code CurrentThreadScheduler} for {@code blockOn}-only use), each worker's {@code Driver}
 * (a transport's poller and parker in one; the transports are in {@code internal.transport}), the {@code TimeDriver} over a {@code TimerWheel}, and the
 * {@code StallDetector} behind slow-poll reports. Names follow Tokio's {@code scheduler},
 * {@code park} and {@code time} modules.
 *
 * <p>May import: the JDK, SLF4J and {@code dev.weft.runtime} (the API it implements); never the
 * {@code time}, {@code net} or {@code sync} packages, which sit above it.
 */
package dev.weft.runtime.internal;
