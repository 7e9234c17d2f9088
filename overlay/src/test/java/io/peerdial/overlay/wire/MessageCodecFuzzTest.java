package io.peerdial.overlay.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzz target for {@link MessageCodec#decode} (docs/FUZZING.md). Properties: decode throws nothing
 * but {@link WireException}; what decodes re-encodes to at most 1,200 bytes and decodes to an
 * equal message; an offset inside a larger buffer changes nothing.
 *
 * <p>{@code mvn test} replays the committed corpus in
 * {@code src/test/resources/io/peerdial/overlay/wire/MessageCodecFuzzTestInputs/decodeArbitraryBytes/};
 * {@code mvn verify} fuzzes for {@code fuzz.maxDuration}.
 */
class MessageCodecFuzzTest {

    @FuzzTest
    void decodeArbitraryBytes(byte[] datagram) throws WireException {
        Message decoded;
        try {
            decoded = MessageCodec.decode(datagram);
        } catch (WireException rejected) {
            assertThat(rejected.reason()).isNotNull();
            assertSameOutcomeAtAnOffset(datagram, null);
            return;
        }
        assertSameOutcomeAtAnOffset(datagram, decoded);

        byte[] reencoded = MessageCodec.encode(decoded);
        assertThat(reencoded.length).isLessThanOrEqualTo(MessageCodec.MAX_DATAGRAM);
        assertThat(reencoded.length).isEqualTo(MessageCodec.encodedSize(decoded));
        assertThat(MessageCodec.decode(reencoded)).isEqualTo(decoded);
    }

    /** Decoding the same bytes placed inside a larger buffer gives the same message or refusal. */
    private static void assertSameOutcomeAtAnOffset(byte[] datagram, Message expected) {
        byte[] buffer = new byte[datagram.length + 7];
        Arrays.fill(buffer, (byte) 0xD7); // plausible-looking junk around the datagram
        System.arraycopy(datagram, 0, buffer, 5, datagram.length);
        Message atOffset;
        try {
            atOffset = MessageCodec.decode(buffer, 5, datagram.length);
        } catch (WireException rejected) {
            atOffset = null;
        }
        assertThat(atOffset).isEqualTo(expected);
    }
}
