/**
 * AsyncRuntime internals (not exported): task state machine, work-stealing queues, idle/parking
 * protocol, per-worker drivers (selector + parker), the timer wheel, and the stall detector.
 * File names follow Tokio's {@code scheduler/multi_thread}: {@code LocalQueue}, {@code Idle},
 * {@code Worker}, {@code Driver} (park + I/O), {@code TimerWheel}.
 */
package dev.weft.runtime.internal;
