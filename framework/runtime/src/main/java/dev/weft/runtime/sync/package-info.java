/**
 * Async synchronisation: nothing here blocks a thread. Waiting is a registered waker, and every
 * wait is cancellation-safe (a cancelled wait leaves its queue and gives back what it was
 * granted). {@link dev.weft.runtime.sync.Semaphore}, {@link dev.weft.runtime.sync.Mutex} and
 * {@link dev.weft.runtime.sync.RwLock} are fair (FIFO); {@link dev.weft.runtime.sync.Notify},
 * {@link dev.weft.runtime.sync.Oneshot}, {@link dev.weft.runtime.sync.Mpsc} (bounded with
 * backpressure, or unbounded), {@link dev.weft.runtime.sync.Watch} and
 * {@link dev.weft.runtime.sync.Broadcast} (with lag reports) follow Tokio's semantics. Internal
 * state is guarded by short, uncontended monitor sections (as Tokio uses short mutexes), never
 * held across a poll.
 */
package dev.weft.runtime.sync;
