package dev.weft.runtime.internal.uring;

import static dev.weft.runtime.internal.uring.Uapi.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.weft.runtime.internal.linux.NativeMemory;
import java.lang.foreign.MemorySegment;

/** Which operations this kernel's io_uring supports ({@code IORING_REGISTER_PROBE}, Linux 5.6). */
public final class Probe {
    private static final int MAX_OPS = 256;

    /** The operations the transport uses, with their names. */
    static final int[] USED = {OP_NOP, OP_ACCEPT, OP_RECV, OP_SEND, OP_SENDMSG, OP_READ, OP_CLOSE, OP_ASYNC_CANCEL,
        OP_CONNECT, OP_SHUTDOWN};

    private final int lastOp;
    private final boolean[] supported;

    private Probe(int lastOp, boolean[] supported) {
        this.lastOp = lastOp;
        this.supported = supported;
    }

    /** Asks the kernel through {@code ring}. */
    public static Probe of(Ring ring) throws RingException {
        try (NativeMemory.Account memory = new NativeMemory.Account()) {
            MemorySegment p = memory.allocate(PROBE_HEADER + PROBE_OP_SIZE * MAX_OPS, 8);
            p.fill((byte) 0);
            long r = ring.register(REGISTER_PROBE, p.address(), MAX_OPS);
            if (r < 0) {
                throw new RingException("IORING_REGISTER_PROBE", (int) r);
            }
            int last = Byte.toUnsignedInt(p.get(JAVA_BYTE, 0));
            int len = Byte.toUnsignedInt(p.get(JAVA_BYTE, 1));
            boolean[] ok = new boolean[MAX_OPS];
            for (int i = 0; i < len; i++) {
                long o = PROBE_HEADER + PROBE_OP_SIZE * i;
                int op = Byte.toUnsignedInt(p.get(JAVA_BYTE, o));
                ok[op] = (p.get(JAVA_SHORT, o + 2) & PROBE_OP_SUPPORTED) != 0;
            }
            return new Probe(last, ok);
        }
    }

    /** The highest opcode the kernel knows. */
    public int lastOp() {
        return lastOp;
    }

    public boolean supports(int op) {
        return op >= 0 && op < MAX_OPS && supported[op];
    }

    /** The first of the transport's operations this kernel lacks, or -1. */
    int firstMissing() {
        for (int op : USED) {
            if (!supports(op)) {
                return op;
            }
        }
        return -1;
    }

    /** {@code ACCEPT=yes RECV=yes ...} for the transport's operations (startup log, report). */
    public String describeUsed() {
        StringBuilder b = new StringBuilder();
        for (int op : USED) {
            b.append(name(op)).append(supports(op) ? "=yes " : "=NO ");
        }
        b.append("MSG_RING=").append(supports(OP_MSG_RING) ? "yes" : "NO");
        b.append(" SEND_ZC=").append(supports(OP_SEND_ZC) ? "yes" : "NO");
        return b.toString();
    }

    static String name(int op) {
        return switch (op) {
            case OP_NOP -> "NOP";
            case OP_WRITEV -> "WRITEV";
            case OP_SENDMSG -> "SENDMSG";
            case OP_ACCEPT -> "ACCEPT";
            case OP_ASYNC_CANCEL -> "ASYNC_CANCEL";
            case OP_CONNECT -> "CONNECT";
            case OP_CLOSE -> "CLOSE";
            case OP_READ -> "READ";
            case OP_SEND -> "SEND";
            case OP_RECV -> "RECV";
            case OP_SHUTDOWN -> "SHUTDOWN";
            case OP_MSG_RING -> "MSG_RING";
            case OP_SEND_ZC -> "SEND_ZC";
            default -> "op".concat(Integer.toString(op));
        };
    }
}
