package dev.weft.runtime.sync;

import dev.weft.runtime.Waker;
import java.util.ArrayList;

/**
 * Wakers of tasks waiting on a shared condition, each registered through a node that its owner
 * re-uses across polls and removes on cancel. Guarded by the owning primitive's lock.
 */
final class WaiterList {
    static final class Node {
        Waker waker;
        Node prev;
        Node next;
        boolean linked;
    }

    private Node head;

    /** Links or refreshes {@code n} with {@code w}. */
    void register(Node n, Waker w) {
        n.waker = w;
        if (!n.linked) {
            n.next = head;
            n.prev = null;
            if (head != null) {
                head.prev = n;
            }
            head = n;
            n.linked = true;
        }
    }

    void remove(Node n) {
        if (!n.linked) {
            return;
        }
        if (n.prev == null) {
            head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next != null) {
            n.next.prev = n.prev;
        }
        n.prev = null;
        n.next = null;
        n.linked = false;
        n.waker = null;
    }

    /** Unlinks everyone and returns their wakers, to be woken outside the lock. */
    ArrayList<Waker> drain() {
        ArrayList<Waker> out = new ArrayList<>();
        for (Node n = head; n != null; ) {
            Node next = n.next;
            if (n.waker != null) {
                out.add(n.waker);
            }
            n.waker = null;
            n.prev = null;
            n.next = null;
            n.linked = false;
            n = next;
        }
        head = null;
        return out;
    }
}
