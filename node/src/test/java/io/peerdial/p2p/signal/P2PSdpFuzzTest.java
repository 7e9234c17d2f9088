package io.peerdial.p2p.signal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * A P2P session description comes from a peer: parsing it and verifying its proof may only refuse with
 * {@link SignalException}, whatever the bytes.
 */
class P2PSdpFuzzTest {

    @FuzzTest
    void parseAndVerifyRefuseOnlyWithTypedExceptions(byte[] input) {
        try {
            P2PSdp.Parsed p = P2PSdp.parse(input);
            IdentityProof.verify(p.proof(), true, "sip:a@example.org", "sip:b@example.org", "call", 0, p.iceAttributes());
        } catch (SignalException expected) {
            // the only allowed refusal
        }
        try {
            IdentityProof.verify(new String(input, java.nio.charset.StandardCharsets.UTF_8), false, "sip:a@example.org",
                    "sip:b@example.org", "call", 0, List.of());
        } catch (SignalException expected) {
            // likewise for a raw proof value
        }
    }
}
