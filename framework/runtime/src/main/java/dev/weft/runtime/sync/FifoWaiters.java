package dev.weft.runtime.sync;

import dev.weft.runtime.Waker;

/**
 * The waiting tasks of a fair primitive, longest waiter first: an intrusive doubly linked list, so
 * that a waiter whose task is cancelled leaves it in O(1). Guarded by the owning primitive's lock.
 * ({@link WaiterList} is the unordered variant, for primitives that wake everyone at once.)
 *
 * @param <N> the primitive's waiter, which carries what it waits for
 */
final class FifoWaiters<N extends FifoWaiters.Node> {
    /** A queued task: subclassed by each primitive's waiter. */
    static class Node {
        Waker waker;
        // The links are the list's alone.
        Node prev;
        Node next;
        boolean queued;
    }

    private N head;
    private N tail;

    boolean isEmpty() {
        return head == null;
    }

    /** The longest waiter, or null. */
    N first() {
        return head;
    }

    /** The waiter queued after {@code n}, or null. */
    @SuppressWarnings("unchecked")
    N after(N n) {
        return (N) n.next;
    }

    void addLast(N n) {
        n.prev = tail;
        n.next = null;
        if (tail == null) {
            head = n;
        } else {
            tail.next = n;
        }
        tail = n;
        n.queued = true;
    }

    /** Unlinks {@code n} if it is queued. */
    @SuppressWarnings("unchecked")
    void remove(N n) {
        if (!n.queued) {
            return;
        }
        if (n.prev == null) {
            head = (N) n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tail = (N) n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = null;
        n.next = null;
        n.queued = false;
    }
}
