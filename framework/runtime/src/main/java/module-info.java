/**
 * Weft's async runtime, usable without HTTP: poll-based tasks on a work-stealing scheduler
 * ({@link dev.weft.runtime.AsyncRuntime}), a reactor over the OS's readiness events, a timer
 * wheel, select/join combinators, async sync primitives and TCP. It depends on SLF4J only; the
 * build keeps it so (this module cannot see HTTP, the codec or Reactive Streams).
 */
module dev.weft.runtime {
    requires org.slf4j;

    exports dev.weft.runtime;
    exports dev.weft.runtime.time;
    exports dev.weft.runtime.net;
    exports dev.weft.runtime.sync;
}
