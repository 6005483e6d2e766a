package dev.weft.server.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The DER reader on hand-made encodings, and on truncated and lying ones. */
@Tag("transport-independent")
class DerTest {
    @Test
    void readsSequencesIntegersOidsAndOctets() {
        // SEQUENCE { INTEGER 1, OID 1.2.840.10045.3.1.7, OCTET STRING 0xCAFE }
        byte[] der = {0x30, 0x11, 0x02, 0x01, 0x01, 0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07,
            0x04, 0x02, (byte) 0xCA, (byte) 0xFE};
        Der seq = new Der(der).read(Der.SEQUENCE);
        assertEquals(BigInteger.ONE, seq.integer());
        assertEquals("1.2.840.10045.3.1.7", seq.oid());
        assertEquals(2, seq.octets().length);
        assertEquals(false, seq.hasMore());
    }

    @Test
    void readsLongFormLengths() {
        byte[] der = new byte[4 + 300];
        der[0] = 0x04;
        der[1] = (byte) 0x82;
        der[2] = 0x01;
        der[3] = 0x2C; // 300
        assertEquals(300, new Der(der).octets().length);
    }

    @Test
    void refusesTruncatedOrMislabelledInput() {
        assertThrows(IllegalArgumentException.class, () -> new Der(new byte[] {0x30, 0x05, 0x02, 0x01}).read(Der.SEQUENCE));
        assertThrows(IllegalArgumentException.class, () -> new Der(new byte[] {0x02, 0x01, 0x01}).read(Der.SEQUENCE));
        assertThrows(IllegalArgumentException.class, () -> new Der(new byte[] {0x02, (byte) 0x85, 1, 1, 1, 1, 1}).integer());
        assertThrows(IllegalArgumentException.class, () -> new Der(new byte[] {0x02, 0x00}).integer());
        assertThrows(IllegalArgumentException.class, () -> new Der(new byte[0]).oid());
    }
}
