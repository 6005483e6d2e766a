package dev.weft.it.soak;

import java.util.SplittableRandom;

/** One kind of client in the soak: each call makes one connection's worth of exchanges. */
public interface SoakDriver {
    /** How long an exchange may make no progress before it counts as hung. */
    int HANG_MILLIS = 30_000;

    /**
     * Runs exchanges against {@code port} on loopback, drawing every choice from {@code random},
     * and counts them in {@code tally}. Failures are counted, not thrown.
     */
    void run(int port, SplittableRandom random, SoakTally tally) throws Exception;

    /** A short name for reports. */
    String name();
}
