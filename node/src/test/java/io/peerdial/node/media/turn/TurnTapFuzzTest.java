package io.peerdial.node.media.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzz target for the TURN tap's parsing (docs/FUZZING.md): any bytes, read as a datagram either way
 * and as a TCP stream, never make the meter or the framing throw anything but the typed exception,
 * never count more application bytes than there are, and a datagram that converts to a stream frame
 * comes back as the same datagram, counted the same. Seeds: coturn's captured Allocate success and
 * ChannelData, Send/Data indications, a two-frame stream (TurnTapFuzzTestInputs/meterAndDeframe).
 */
class TurnTapFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void meterAndDeframe(byte[] input) {
        AllocationMeter up = new AllocationMeter();
        AllocationMeter down = new AllocationMeter();
        up.fromClient(input, 0, input.length);
        down.fromServer(input, 0, input.length);
        assertThat(up.bytesToPeers()).isLessThanOrEqualTo(input.length);
        assertThat(down.bytesToClient()).isLessThanOrEqualTo(input.length);

        try {
            int frameLength = TurnFraming.streamLengthOfDatagram(input, 0, input.length);
            byte[] frame = Arrays.copyOf(input, frameLength); // zero padding past the datagram, as the tap writes it
            assertThat(TurnFraming.streamFrameLength(frame, 0, frame.length)).isEqualTo(frameLength);
            int datagram = TurnFraming.datagramLength(frame, 0, frameLength);
            assertThat(datagram).isLessThanOrEqualTo(input.length);
            AllocationMeter again = new AllocationMeter();
            again.fromClient(frame, 0, datagram);
            assertThat(again.bytesToPeers()).isEqualTo(up.bytesToPeers());
        } catch (TapParseException e) {
            assertThat(e.reason()).isNotNull();
        }

        StreamDeframer deframer = new StreamDeframer();
        int fed = 0;
        int framed = 0;
        try {
            while (fed < input.length) {
                fed += deframer.feed(input, fed, input.length - fed);
                while (deframer.next()) {
                    framed += deframer.frameLength();
                    int d = TurnFraming.datagramLength(deframer.array(), deframer.frameOffset(), deframer.frameLength());
                    assertThat(d).isBetween(1, deframer.frameLength());
                    down.fromServer(deframer.array(), deframer.frameOffset(), d);
                }
            }
            assertThat(framed + deframer.pending()).isEqualTo(input.length);
        } catch (TapParseException e) {
            assertThat(e.reason()).isNotNull();
        }
    }
}
