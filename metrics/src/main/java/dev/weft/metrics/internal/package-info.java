/**
 * The metrics module's helpers, not API: bounded label values and the cache that lets one scrape
 * read one snapshot of the runtime's or the server's counters.
 *
 * <p>May import: the JDK, Weft's exported packages and Micrometer.
 */
package dev.weft.metrics.internal;
