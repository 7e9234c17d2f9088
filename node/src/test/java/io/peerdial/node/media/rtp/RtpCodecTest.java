package io.peerdial.node.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.node.media.rtp.RtpFormatException.Reason;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RTP vectors of /work/shared/vectors/media-and-auth.md (RTP-02, RTP-03, DER-02), both ways, and every rejection. */
class RtpCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RTP-02 with the guide's padding to a 32-bit multiple (one pad octet). */
    private static final String RTP_02 = "b288000c0000000d0000000e0000000f000000100011000118191a1b1c1d1e01";
    /** DER-02: the same packet without padding. */
    private static final String DER_02 = "9288000c0000000d0000000e0000000f000000100011000118191a1b1c1d1e";

    private static RtpPacket rtp02(int padding) {
        return new RtpPacket(true, 8, 12, 13, 14, List.of(15L, 16L),
                new RtpHeaderExtension(17, HEX.parseHex("18191a1b")), padding, HEX.parseHex("1c1d1e"));
    }

    @Test
    void rtp02EncodesWithTheGuidesPadding() {
        assertThat(HEX.formatHex(RtpCodec.encode(rtp02(1)))).isEqualTo(RTP_02);
    }

    @Test
    void rtp03DecodesTheGuidesPacketAndStripsThePadding() throws RtpFormatException {
        RtpPacket p = RtpCodec.decode(HEX.parseHex(RTP_02));
        // expected: 8 12 13 14 [15, 16] True (17, '\x18\x19\x1a\x1b') '\x1c\x1d\x1e'
        assertThat(p.payloadType()).isEqualTo(8);
        assertThat(p.sequenceNumber()).isEqualTo(12);
        assertThat(p.timestamp()).isEqualTo(13);
        assertThat(p.ssrc()).isEqualTo(14);
        assertThat(p.csrcs()).containsExactly(15L, 16L);
        assertThat(p.marker()).isTrue();
        assertThat(p.extension().profile()).isEqualTo(17);
        assertThat(p.extension().data()).isEqualTo(HEX.parseHex("18191a1b"));
        assertThat(p.payload()).isEqualTo(HEX.parseHex("1c1d1e"));
        assertThat(p.paddingLength()).isEqualTo(1);
        assertThat(p).isEqualTo(rtp02(1));
    }

    @Test
    void der02WithoutPaddingBothWays() throws RtpFormatException {
        assertThat(HEX.formatHex(RtpCodec.encode(rtp02(0)))).isEqualTo(DER_02);
        assertThat(RtpCodec.decode(HEX.parseHex(DER_02))).isEqualTo(rtp02(0));
    }

    @Test
    void encodesIntoACallersArrayAndByteBuffer() {
        byte[] out = new byte[100];
        int length = RtpCodec.encode(rtp02(0), out, 7);
        assertThat(length).isEqualTo(31);
        assertThat(HEX.formatHex(out, 7, 7 + length)).isEqualTo(DER_02);

        ByteBuffer buffer = ByteBuffer.allocate(64).position(3);
        RtpCodec.encode(rtp02(1), buffer);
        assertThat(buffer.position()).isEqualTo(3 + 32);
        ByteBuffer direct = ByteBuffer.allocateDirect(64);
        RtpCodec.encode(rtp02(1), direct);
        assertThat(direct.position()).isEqualTo(32);
        assertThat(HEX.formatHex(buffer.array(), 3, 35)).isEqualTo(RTP_02);
    }

    @Test
    void decodesAtAnOffset() throws RtpFormatException {
        byte[] framed = HEX.parseHex("ffff" + DER_02 + "ee");
        assertThat(RtpCodec.decode(framed, 2, 31)).isEqualTo(rtp02(0));
    }

    @Test
    void headerViewPeeksAndRewritesWithoutDecoding() throws RtpFormatException {
        byte[] wire = HEX.parseHex(RTP_02);
        assertThat(RtpHeaderView.validate(wire, 0, wire.length)).isEqualTo(28);
        assertThat(RtpHeaderView.ssrc(wire, 0)).isEqualTo(14);
        assertThat(RtpHeaderView.sequenceNumber(wire, 0)).isEqualTo(12);
        assertThat(RtpHeaderView.payloadType(wire, 0)).isEqualTo(8);
        assertThat(RtpHeaderView.marker(wire, 0)).isTrue();
        assertThat(RtpHeaderView.timestamp(wire, 0)).isEqualTo(13);
        RtpHeaderView.setSsrc(wire, 0, 0xFEDC_BA98L);
        RtpHeaderView.setSequenceNumber(wire, 0, 65535);
        RtpPacket rewritten = RtpCodec.decode(wire);
        assertThat(rewritten.ssrc()).isEqualTo(0xFEDC_BA98L);
        assertThat(rewritten.sequenceNumber()).isEqualTo(65535);
    }

    @Test
    void rfc5761SeparatesRtcpFromRtp() {
        assertThat(RtpHeaderView.isRtcp(HEX.parseHex("80c80006"), 0, 4)).isTrue();   // SR
        assertThat(RtpHeaderView.isRtcp(HEX.parseHex("81cd0002"), 0, 4)).isTrue();   // RTPFB 205
        assertThat(RtpHeaderView.isRtcp(HEX.parseHex(DER_02), 0, 31)).isFalse();     // M|PT 8
        assertThat(RtpHeaderView.isRtcp(HEX.parseHex("8060"), 0, 2)).isFalse();      // PT 96
        assertThat(RtpHeaderView.isRtcp(HEX.parseHex("80"), 0, 1)).isFalse();
    }

    @Test
    void rejectsEachMalformationWithItsReason() {
        assertRejected("80", Reason.TRUNCATED_HEADER);
        assertRejected("800000010000000200000003".substring(0, 22), Reason.TRUNCATED_HEADER);
        assertRejected("400000010000000200000003", Reason.BAD_VERSION);
        assertRejected("c00000010000000200000003", Reason.BAD_VERSION);
        assertRejected("820000010000000200000003" + "00000004", Reason.TRUNCATED_CSRC);
        assertRejected("900000010000000200000003" + "0011", Reason.TRUNCATED_EXTENSION);
        assertRejected("900000010000000200000003" + "00110002" + "00000000", Reason.TRUNCATED_EXTENSION);
        assertRejected("a00000010000000200000003" + "aabb00", Reason.BAD_PADDING);      // count 0
        assertRejected("a00000010000000200000003" + "aabb04", Reason.BAD_PADDING);      // count > payload
        assertRejected("a00000010000000200000003", Reason.BAD_PADDING);                 // count = last header octet
        assertThatThrownBy(() -> RtpCodec.decode(new byte[RtpCodec.MAX_PACKET_SIZE + 1]))
                .isInstanceOfSatisfying(RtpFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OVERSIZED));
    }

    @Test
    void paddingMayFillTheWholePayload() throws RtpFormatException {
        RtpPacket p = RtpCodec.decode(HEX.parseHex("a00000010000000200000003" + "000003"));
        assertThat(p.payload()).isEmpty();
        assertThat(p.paddingLength()).isEqualTo(3);
    }

    @Test
    void refusesToEncodeMoreThanTheLimitOrIntoASmallBuffer() {
        RtpPacket big = RtpPacket.of(false, 0, 0, 0, 0, new byte[RtpCodec.MAX_PACKET_SIZE]);
        assertThatThrownBy(() -> RtpCodec.encode(big)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtpCodec.encode(rtp02(0), new byte[30], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtpPacket.of(false, 128, 0, 0, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtpPacket.of(false, 0, 0, 1L << 32, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpHeaderExtension(1, new byte[3])).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRejected(String hex, Reason reason) {
        assertThatThrownBy(() -> RtpCodec.decode(HEX.parseHex(hex)))
                .isInstanceOfSatisfying(RtpFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
