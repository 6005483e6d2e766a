/**
 * The io_uring transport: each worker's poller is a ring ({@code dev.weft.runtime.internal.uring})
 * that submits the operations its handles ask for and reaps their completions in one
 * {@code io_uring_enter} per loop turn; streams receive into the poller's provided buffers and
 * send from their own staging memory, listeners accept with one multishot accept. Sockets are
 * created, configured and named through the shared Linux layer ({@code dev.weft.runtime.internal.linux}).
 *
 * <p>Owner rule: a handle's kernel operations are prepared only by its poller's thread. A task
 * on any thread asks (under the handle's lock) and schedules the handle on its poller; the
 * poller's thread turns the asks into SQEs at its next poll.
 */
package dev.weft.runtime.internal.transport.uring;
