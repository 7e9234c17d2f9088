package io.peerdial.relay.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.peerdial.overlay.stun.StunEncoder;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.StunMessage;

/**
 * Fuzz target for the TURN-extended STUN decoder and the ChannelData codec: any bytes either fail
 * with the typed exception or decode to a message that re-encodes to an equal one. Seeds: the
 * captured coturn session (TurnCodecFuzzTestInputs/decodeRoundTrips).
 */
class TurnCodecFuzzTest {

    @FuzzTest
    void decodeRoundTrips(byte[] input) {
        try {
            StunMessage message = TurnAttributes.decoder().decode(input);
            byte[] encoded = StunEncoder.standard().encode(message);
            assertThat(TurnAttributes.decoder().decode(encoded)).isEqualTo(message);
        } catch (StunException e) {
            // rejected with a reason: fine
        }
        ChannelData.streamFrameLength(input, 0, input.length);
        try {
            ChannelData data = ChannelData.decode(input, 0, input.length, 65_535);
            byte[] encoded = data.encode(false);
            assertThat(ChannelData.decode(encoded, 0, encoded.length, 65_535)).isEqualTo(data);
            byte[] padded = data.encode(true);
            assertThat(ChannelData.streamFrameLength(padded, 0, padded.length)).isEqualTo(padded.length);
            assertThat(padded.length % 4).isZero();
        } catch (ChannelDataException e) {
            // rejected with a reason: fine
        }
    }
}
