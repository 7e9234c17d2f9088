package io.peerdial.overlay.stun;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Fuzz target for the STUN codec: any bytes either fail with a {@link StunException} or decode to a
 * message that re-encodes to bytes decoding to an equal message. The raw checks and the Binding
 * responder run on the same bytes and must not throw either. Seeds (the RFC 5769 vectors) live in
 * src/test/resources/io/peerdial/overlay/stun/StunCodecFuzzTestInputs/decodeRoundTrips.
 */
class StunCodecFuzzTest {
    private static final byte[] KEY = StunIntegrity.shortTermKey(Rfc5769.SHORT_TERM_PASSWORD);
    private static final StunBindingResponder RESPONDER = new StunBindingResponder();
    private static final InetSocketAddress FROM = new InetSocketAddress(InetAddress.getLoopbackAddress(), 3478);

    @FuzzTest
    void decodeRoundTrips(byte[] input) {
        StunIntegrity.checkSha1(input, KEY);
        StunIntegrity.checkSha256(input, KEY);
        StunFingerprint.check(input);
        StunDecoder.looksLikeStun(input, input.length);
        StunBindingResult result = RESPONDER.respond(FROM, input);
        if (result.hasResponse()) {
            assertThat(StunFingerprint.check(result.response())).isTrue();
        }

        StunMessage message;
        try {
            message = StunDecoder.standard().decode(input);
        } catch (StunException e) {
            return; // rejected with a reason: fine
        }
        byte[] encoded = StunEncoder.standard().encode(message);
        try {
            assertThat(StunDecoder.standard().decode(encoded)).isEqualTo(message);
        } catch (StunException e) {
            throw new AssertionError("re-encoded message does not decode: " + e.getMessage(), e);
        }
    }
}
