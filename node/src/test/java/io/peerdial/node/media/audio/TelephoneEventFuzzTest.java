package io.peerdial.node.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Telephone-event payloads are peer input: only TelephoneEventException may leave the decoder and the
 * receiver; what decodes re-encodes to the same bytes apart from the reserved R bit (RFC 4733 §2.3.3).
 */
class TelephoneEventFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void decodeRoundTrips(byte[] input) {
        try {
            TelephoneEvent event = TelephoneEventCodec.decode(input);
            byte[] again = TelephoneEventCodec.encode(event);
            byte[] withoutR = Arrays.copyOf(input, input.length);
            withoutR[1] &= (byte) ~0x40;
            assertThat(again).isEqualTo(withoutR);
            assertThat(TelephoneEventCodec.decode(again)).isEqualTo(event);
        } catch (TelephoneEventException expected) {
            assertThat(input.length).isNotEqualTo(TelephoneEventCodec.LENGTH);
        }
        // the receiver on the same bytes, split into packets with the first bytes as timestamps
        DtmfReceiver receiver = new DtmfReceiver();
        for (int at = 0; at + 5 <= input.length; at += 5) {
            try {
                receiver.receive(input[at] & 0xFF, Arrays.copyOfRange(input, at + 1, at + 5));
            } catch (TelephoneEventException impossible) {
                throw new AssertionError("four bytes always decode", impossible);
            }
        }
        assertThat(receiver.digits().length()).isLessThanOrEqualTo(input.length / 5);
    }
}
