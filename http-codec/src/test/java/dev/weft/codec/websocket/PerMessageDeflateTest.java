package dev.weft.codec.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Negotiation of permessage-deflate's parameters (RFC 7692 §7). */
class PerMessageDeflateTest {

    private static String agreed(boolean askClientNoTakeover, String... offers) {
        PerMessageDeflate p = PerMessageDeflate.negotiate(List.of(offers), askClientNoTakeover);
        return p == null ? null : p.responseHeader();
    }

    @Test
    void plainOffer() {
        assertEquals("permessage-deflate", agreed(false, "permessage-deflate"));
        assertEquals("permessage-deflate; client_no_context_takeover", agreed(true, "permessage-deflate"));
    }

    @Test
    void contextTakeoverParametersAreHonoured() {
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                agreed(false, "permessage-deflate; server_no_context_takeover; client_no_context_takeover"));
    }

    @Test
    void clientMaxWindowBitsNeedsNothingFromTheServer() {
        assertEquals("permessage-deflate", agreed(false, "permessage-deflate; client_max_window_bits"));
        assertEquals("permessage-deflate", agreed(false, "permessage-deflate; client_max_window_bits=10"));
    }

    @Test
    void smallServerWindowDeclinesThatOfferButNotTheNext() {
        assertNull(agreed(false, "permessage-deflate; server_max_window_bits=10"));
        assertEquals("permessage-deflate; server_no_context_takeover",
                agreed(false, "permessage-deflate; server_max_window_bits=10, permessage-deflate; server_no_context_takeover"));
        assertEquals("permessage-deflate", agreed(false, "permessage-deflate; server_max_window_bits=15"));
    }

    @Test
    void malformedOffersAreDeclined() {
        assertNull(agreed(false, "permessage-deflate; server_no_context_takeover; server_no_context_takeover"));
        assertNull(agreed(false, "permessage-deflate; unknown_parameter"));
        assertNull(agreed(false, "permessage-deflate; client_max_window_bits=7"));
        assertNull(agreed(false, "permessage-deflate; client_max_window_bits=abc"));
        assertNull(agreed(false, "permessage-deflate; server_no_context_takeover=1"));
        assertNull(agreed(false, "x-webkit-deflate-frame"));
    }

    @Test
    void quotedValuesAreRead() {
        assertEquals("permessage-deflate", agreed(false, "permessage-deflate; client_max_window_bits=\"12\""));
    }
}
