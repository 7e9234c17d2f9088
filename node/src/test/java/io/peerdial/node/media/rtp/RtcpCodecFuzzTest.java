package io.peerdial.node.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Compound RTCP decoding takes peer input: only {@link RtcpFormatException} may leave it (from the codec and
 * from {@link RtcpSession#handleRtcp}); what decodes re-encodes (when it starts with a report and fits) and
 * decodes again to equal packets. Duration: {@code fuzz.maxDuration} (root pom, 10 s). Seeds:
 * src/test/resources/io/peerdial/node/media/rtp/RtcpCodecFuzzTestInputs/decodeRoundTrips.
 */
class RtcpCodecFuzzTest {

    private static final RtcpSession.Config CONFIG = new RtcpSession.Config(0xA11CEL, "fuzz@example.net", 8000,
            64_000, 1_763_700_000_000L);

    @FuzzTest
    void decodeRoundTrips(byte[] input) {
        RtcpSession session = new RtcpSession(CONFIG, () -> 0x5DEECE66DL, 0);
        try {
            session.handleRtcp(100, input);
            session.nextReport(session.pollTimeout());
            session.qualities();
        } catch (RtcpFormatException e) {
            assertThat(e.reason()).isNotNull();
        }

        List<RtcpPacket> packets;
        try {
            packets = RtcpCodec.decodeCompound(input);
        } catch (RtcpFormatException e) {
            return;
        }
        assertThat(input.length).isLessThanOrEqualTo(RtcpCodec.MAX_COMPOUND_SIZE);
        // skipped packet types and dropped SR/RR extensions make the re-encoding shorter, never longer
        int length = packets.stream().mapToInt(RtcpCodec::encodedLength).sum();
        assertThat(length).isLessThanOrEqualTo(input.length);
        // A.2: a compound that decodes starts with an SR or RR, so it is encodable as a compound again
        assertThat(packets).isNotEmpty();
        assertThat(packets.get(0)).isInstanceOfAny(SenderReport.class, ReceiverReport.class);
        byte[] encoded = RtcpCodec.encodeCompound(packets);
        try {
            assertThat(RtcpCodec.decodeCompound(encoded)).isEqualTo(packets);
        } catch (RtcpFormatException e) {
            throw new AssertionError("re-encoded compound does not decode: " + e.getMessage(), e);
        }
    }
}
