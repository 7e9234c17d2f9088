package io.peerdial.node.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * RTP decoding takes peer input: only {@link RtpFormatException} may leave it; what decodes re-encodes
 * to the same bytes except for the content of pad octets (written as zeros), and decodes again equal;
 * the allocation-free {@link RtpHeaderView} agrees with the full decode. Duration: {@code fuzz.maxDuration}
 * (root pom, 10 s). Seeds: src/test/resources/io/peerdial/node/media/rtp/RtpCodecFuzzTestInputs/decodeRoundTrips.
 */
class RtpCodecFuzzTest {

    @FuzzTest
    void decodeRoundTrips(byte[] input) {
        RtpHeaderView.isRtcp(input, 0, input.length);
        RtpPacket packet;
        try {
            packet = RtpCodec.decode(input);
        } catch (RtpFormatException e) {
            assertThat(e.reason()).isNotNull();
            return;
        }
        assertThat(input.length).isLessThanOrEqualTo(RtpCodec.MAX_PACKET_SIZE);
        assertThat(RtpHeaderView.ssrc(input, 0)).isEqualTo(packet.ssrc());
        assertThat(RtpHeaderView.sequenceNumber(input, 0)).isEqualTo(packet.sequenceNumber());
        assertThat(RtpHeaderView.payloadType(input, 0)).isEqualTo(packet.payloadType());
        byte[] encoded = RtpCodec.encode(packet);
        assertThat(encoded).hasSize(input.length);
        int unpadded = input.length - packet.paddingLength();
        assertThat(java.util.Arrays.equals(encoded, 0, unpadded, input, 0, unpadded)).isTrue();
        try {
            assertThat(RtpCodec.decode(encoded)).isEqualTo(packet);
        } catch (RtpFormatException e) {
            throw new AssertionError("re-encoded packet does not decode: " + e.getMessage(), e);
        }
    }
}
