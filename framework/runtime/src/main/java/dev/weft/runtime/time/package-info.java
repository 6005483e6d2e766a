/**
 * Timers on the runtime's hierarchical timer wheel: {@link dev.weft.runtime.time.Time#sleep},
 * {@link dev.weft.runtime.time.Time#timeout}, {@link dev.weft.runtime.time.Interval}. Millisecond
 * resolution; O(1) insert and cancel; a cancelled sleep removes its timer at once.
 */
package dev.weft.runtime.time;
