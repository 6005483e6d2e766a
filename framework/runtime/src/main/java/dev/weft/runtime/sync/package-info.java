/**
 * Async synchronisation: nothing here blocks a thread. Waiting is a registered waker, and every
 * wait is cancellation-safe (a cancelled wait leaves its queue and gives back what it was
 * granted). {@link dev.weft.runtime.sync.Semaphore}, {@link dev.weft.runtime.sync.Mutex} and
 * {@link dev.weft.runtime.sync.RwLock} are fair (FIFO); {@link dev.weft.runtime.sync.Notify},
 * {@link dev.weft.runtime.sync.Oneshot}, {@link dev.weft.runtime.sync.Mpsc} (bounded with
 * backpressure, or unbounded), {@link dev.weft.runtime.sync.Watch} and
 * {@link dev.weft.runtime.sync.Broadcast} (with lag reports) follow Tokio's semantics. Internal
 * state is guarded by short monitor sections (as Tokio uses short mutexes), never held across a
 * poll; {@code Oneshot} is lock-free.
 *
 * <p>May import: the JDK and {@code dev.weft.runtime} only; everything here is built on wakers,
 * without the runtime's internals.
 *
 * <pre>{@code
 * Mpsc.Channel<String> jobs = Mpsc.bounded(64);
 * AsyncRuntime.spawnHere(jobs.sender().send("job 1"));      // waits while 64 are queued
 * Async<String> next = jobs.receiver().recv();              // null once every sender is closed
 *
 * Semaphore backend = new Semaphore(10);
 * Async<byte[]> page = backend.withPermit(() -> fetch(url)); // at most 10 fetches at once
 * }</pre>
 */
package dev.weft.runtime.sync;
