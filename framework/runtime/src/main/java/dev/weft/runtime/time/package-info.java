/**
 * Timers on the runtime's hierarchical timer wheel: {@link dev.weft.runtime.time.Time#sleep},
 * {@link dev.weft.runtime.time.Time#timeout}, {@link dev.weft.runtime.time.Interval}. Millisecond
 * resolution; O(1) insert and cancel; a cancelled sleep removes its timer at once. A timer
 * registers on its first poll, so it must be polled inside a runtime.
 *
 * <p>May import: the JDK, {@code dev.weft.runtime} and {@code dev.weft.runtime.internal} (for the
 * timer wheel).
 *
 * <pre>{@code
 * Async<String> answer = Time.timeout(Duration.ofSeconds(2), fetch())   // TimeoutException after 2 s
 *         .recover(e -> "fallback");
 * Interval every = Time.interval(Duration.ofSeconds(1)).missedTickBehavior(MissedTickBehavior.SKIP);
 * Async<Long> next = every.tick();                                       // the first tick is at once
 * }</pre>
 */
package dev.weft.runtime.time;
