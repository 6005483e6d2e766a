package dev.weft.runtime.internal.uring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The machine the suite runs on has io_uring (kernel 6.x, enabled); the check says so and why. */
@Tag("transport-independent")
class UringSupportTest {

    @Test
    void usableHereAndEveryUsedOpIsProbed() throws RingException {
        UringSupport.Availability a = UringSupport.check();
        System.out.println("io_uring: " + a);
        assertTrue(a.usable(), a.reason());
        try (Ring ring = Ring.open(8, 16)) {
            Probe p = Probe.of(ring);
            for (int op : Probe.USED) {
                assertTrue(p.supports(op), Probe.name(op));
            }
            assertTrue((ring.setupFlags() & Uapi.SETUP_SINGLE_ISSUER) != 0, "single issuer accepted on 6.x");
            assertTrue((ring.features() & Uapi.FEAT_NODROP) != 0);
        }
    }
}
