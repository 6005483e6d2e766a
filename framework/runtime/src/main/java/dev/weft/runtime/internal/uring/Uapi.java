package dev.weft.runtime.internal.uring;

/**
 * The kernel's io_uring interface as numbers: {@code include/uapi/linux/io_uring.h}, the part of
 * it this package uses, with the structure offsets it reads and writes. Kernel version notes say
 * when each piece appeared; the ring asks for the newer ones and falls back where refused.
 */
final class Uapi {
    private Uapi() {
    }

    // io_uring_setup flags
    static final int SETUP_CQSIZE = 1 << 3;
    static final int SETUP_CLAMP = 1 << 4;
    static final int SETUP_SUBMIT_ALL = 1 << 7; // 5.18
    static final int SETUP_COOP_TASKRUN = 1 << 8; // 5.19
    static final int SETUP_TASKRUN_FLAG = 1 << 9; // 5.19
    static final int SETUP_SINGLE_ISSUER = 1 << 12; // 6.0
    static final int SETUP_DEFER_TASKRUN = 1 << 13; // 6.1

    // io_uring_params.features
    static final int FEAT_SINGLE_MMAP = 1;
    static final int FEAT_NODROP = 1 << 1;
    static final int FEAT_SUBMIT_STABLE = 1 << 2;
    static final int FEAT_FAST_POLL = 1 << 5;
    static final int FEAT_EXT_ARG = 1 << 8;
    static final int FEAT_NATIVE_WORKERS = 1 << 9;
    static final int FEAT_CQE_SKIP = 1 << 11;

    // io_uring_params layout (120 bytes): sq_entries, cq_entries, flags, sq_thread_cpu,
    // sq_thread_idle, features, wq_fd, resv[3], then io_sqring_offsets and io_cqring_offsets.
    static final long PARAMS_SIZE = 120;
    static final long P_SQ_ENTRIES = 0;
    static final long P_CQ_ENTRIES = 4;
    static final long P_FLAGS = 8;
    static final long P_FEATURES = 20;
    static final long P_SQ_OFF = 40;
    static final long P_CQ_OFF = 80;
    // io_sqring_offsets
    static final long SQ_HEAD = 0;
    static final long SQ_TAIL = 4;
    static final long SQ_RING_MASK = 8;
    static final long SQ_RING_ENTRIES = 12;
    static final long SQ_FLAGS = 16;
    static final long SQ_DROPPED = 20;
    static final long SQ_ARRAY = 24;
    // io_cqring_offsets
    static final long CQ_HEAD = 0;
    static final long CQ_TAIL = 4;
    static final long CQ_RING_MASK = 8;
    static final long CQ_RING_ENTRIES = 12;
    static final long CQ_OVERFLOW = 16;
    static final long CQ_CQES = 20;

    // mmap offsets
    static final long OFF_SQ_RING = 0L;
    static final long OFF_CQ_RING = 0x8000000L;
    static final long OFF_SQES = 0x10000000L;

    // sq ring flags
    static final int SQ_NEED_WAKEUP = 1;
    static final int SQ_CQ_OVERFLOW = 1 << 1;
    static final int SQ_TASKRUN = 1 << 2;

    // io_uring_enter flags
    static final int ENTER_GETEVENTS = 1;
    static final int ENTER_EXT_ARG = 1 << 3;

    // io_uring_getevents_arg: sigmask (u64), sigmask_sz (u32), min_wait_usec (u32), ts (u64)
    static final long GETEVENTS_ARG_SIZE = 24;

    // SQE layout (64 bytes)
    static final long SQE_SIZE = 64;
    static final long SQE_OPCODE = 0; // u8
    static final long SQE_FLAGS = 1; // u8
    static final long SQE_IOPRIO = 2; // u16
    static final long SQE_FD = 4; // s32
    static final long SQE_OFF = 8; // u64
    static final long SQE_ADDR = 16; // u64
    static final long SQE_LEN = 24; // u32
    static final long SQE_OP_FLAGS = 28; // u32: msg_flags, accept_flags, cancel_flags, ...
    static final long SQE_USER_DATA = 32; // u64
    static final long SQE_BUF_GROUP = 40; // u16

    // CQE layout (16 bytes)
    static final long CQE_SIZE = 16;
    static final long CQE_USER_DATA = 0;
    static final long CQE_RES = 8;
    static final long CQE_FLAGS = 12;

    // opcodes
    static final int OP_NOP = 0;
    static final int OP_WRITEV = 2;
    static final int OP_SENDMSG = 9;
    static final int OP_ACCEPT = 13;
    static final int OP_ASYNC_CANCEL = 14;
    static final int OP_CONNECT = 16;
    static final int OP_CLOSE = 19;
    static final int OP_READ = 22;
    static final int OP_SEND = 26;
    static final int OP_RECV = 27;
    static final int OP_SHUTDOWN = 34;
    static final int OP_MSG_RING = 40;
    static final int OP_SEND_ZC = 47;

    // SQE flags
    static final int IOSQE_BUFFER_SELECT = 1 << 5;

    // ioprio of accept / recv / send
    static final int ACCEPT_MULTISHOT = 1;
    static final int RECV_MULTISHOT = 1 << 1;

    // cancel flags
    static final int CANCEL_ALL = 1;
    static final int CANCEL_FD = 1 << 1;
    static final int CANCEL_ANY = 1 << 2;

    // CQE flags
    static final int CQE_F_BUFFER = 1;
    static final int CQE_F_MORE = 1 << 1;
    static final int CQE_BUFFER_SHIFT = 16;

    // io_uring_register opcodes
    static final int REGISTER_PROBE = 8;
    static final int REGISTER_PBUF_RING = 22; // 5.19
    static final int UNREGISTER_PBUF_RING = 23;

    // io_uring_buf_reg (40 bytes): ring_addr (u64), ring_entries (u32), bgid (u16), flags (u16), resv[3]
    static final long BUF_REG_SIZE = 40;
    // io_uring_buf (16 bytes): addr (u64), len (u32), bid (u16), resv (u16); the ring's tail is
    // the resv field of entry 0.
    static final long BUF_SIZE = 16;
    static final long BUF_RING_TAIL = 14;

    // io_uring_probe: last_op (u8), ops_len (u8), resv (u16), resv2[3] (u32), then 8-byte ops
    static final long PROBE_HEADER = 16;
    static final long PROBE_OP_SIZE = 8;
    static final int PROBE_OP_SUPPORTED = 1;
}
