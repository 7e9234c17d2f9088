package io.peerdial.node.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.node.media.rtp.RtcpFormatException.Reason;
import io.peerdial.node.media.rtp.SourceDescription.Chunk;
import io.peerdial.node.media.rtp.SourceDescription.Item;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RTCP vectors RTCP-01..03 and DER-01 of /work/shared/vectors/media-and-auth.md, both ways, and every rejection. */
class RtcpCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    static final String SR_HEX = "80c800060000000183aa7e8200000000000000030000000400000005";
    static final String RR_HEX = "82c9000d00000001000000010200000300000004000000050000000600000007"
            + "000000080900000a0000000b0000000c0000000d0000000e";
    static final String SDES_HEX = "82ca00190000000101126b756e64616e406578616d706c652e6e6574020c4b756e64616e2053696e6768"
            + "03126b756e64616e406578616d706c652e6e6574040a39313736323136333932000000000002011368656e6e696e67406578616d"
            + "706c652e6e6574000000";
    static final String BYE_HEX = "83cb00070000000100000002000000030d646973636f6e6e656374696e670000";
    /** DER-01 "book algorithm difference": the guide pads the BYE with the P bit. */
    static final String BOOK_BYE_HEX = "a3cb00070000000100000002000000030d646973636f6e6e656374696e670002";

    // RTCP-01: ntp=2 is UNIX 2 s, i.e. NTP (2208988802, 0)
    static final SenderReport SR = new SenderReport(1, NtpTime.fromUnixMillis(2000), 3, 4, 5, List.of());
    static final ReceiverReport RR = new ReceiverReport(1, List.of(
            new ReportBlock(1, 2, 3, 4, 5, 6, 7), new ReportBlock(8, 9, 10, 11, 12, 13, 14)));
    // RTCP-02
    static final SourceDescription SDES = new SourceDescription(List.of(
            new Chunk(1, List.of(new Item(Item.CNAME, "kundan@example.net"), new Item(Item.NAME, "Kundan Singh"),
                    new Item(Item.EMAIL, "kundan@example.net"), new Item(Item.PHONE, "9176216392"))),
            new Chunk(2, List.of(new Item(Item.CNAME, "henning@example.net")))));
    // RTCP-03
    static final Bye BYE = new Bye(List.of(1L, 2L, 3L), "disconnecting");

    @Test
    void der01EncodesEachPacketByteExact() {
        assertThat(HEX.formatHex(RtcpCodec.encodePacket(SR))).isEqualTo(SR_HEX);
        assertThat(HEX.formatHex(RtcpCodec.encodePacket(RR))).isEqualTo(RR_HEX);
        assertThat(HEX.formatHex(RtcpCodec.encodePacket(SDES))).isEqualTo(SDES_HEX);
        // RFC 3550 §6.6 null padding, not the guide's P bit (DER-01 notes)
        assertThat(HEX.formatHex(RtcpCodec.encodePacket(BYE))).isEqualTo(BYE_HEX);
        assertThat(HEX.formatHex(RtcpCodec.encodeCompound(List.of(SR, RR, SDES, BYE))))
                .isEqualTo(SR_HEX + RR_HEX + SDES_HEX + BYE_HEX).hasSize(2 * 220);
    }

    @Test
    void der01CompoundDecodesToTheGuidesValues() throws RtcpFormatException {
        List<RtcpPacket> packets = RtcpCodec.decodeCompound(HEX.parseHex(SR_HEX + RR_HEX + SDES_HEX + BYE_HEX));
        assertThat(packets).containsExactly(SR, RR, SDES, BYE);

        // RTCP-01: "200 1 2.0 3 4 5"
        SenderReport sr = (SenderReport) packets.get(0);
        assertThat(List.of(sr.packetType(), sr.ssrc(), sr.ntpTime().toUnixMillis(), sr.rtpTimestamp(), sr.packetCount(),
                sr.octetCount())).containsExactly(200, 1L, 2000L, 3L, 4L, 5L);
        assertThat(sr.ntpTime()).isEqualTo(new NtpTime(2_208_988_802L, 0));
        // "201 1 [(1, 2, 3, 4, 5, 6, 7), (8, 9, 10, 11, 12, 13, 14)]"
        ReceiverReport rr = (ReceiverReport) packets.get(1);
        assertThat(rr.packetType()).isEqualTo(201);
        assertThat(rr.reports()).extracting(b -> List.of(b.ssrc(), (long) b.fractionLost(), (long) b.cumulativeLost(),
                        b.extendedHighestSequence(), b.jitter(), b.lastSr(), b.delaySinceLastSr()))
                .containsExactly(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), List.of(8L, 9L, 10L, 11L, 12L, 13L, 14L));
        // RTCP-02: 202, ssrc 1 with items 1..4, ssrc 2 with CNAME
        SourceDescription sdes = (SourceDescription) packets.get(2);
        assertThat(sdes.packetType()).isEqualTo(202);
        assertThat(sdes.chunks().get(0).items()).extracting(Item::type).containsExactly(1, 2, 3, 4);
        assertThat(sdes.chunks().get(1).items()).containsExactly(new Item(1, "henning@example.net"));
        // RTCP-03: "203 [1, 2, 3] disconnecting"
        Bye bye = (Bye) packets.get(3);
        assertThat(bye.packetType()).isEqualTo(203);
        assertThat(bye.ssrcs()).containsExactly(1L, 2L, 3L);
        assertThat(bye.reason()).isEqualTo("disconnecting");
    }

    @Test
    void theGuidesPaddedByeIsValidAsTheLastPacketAndReencodesTheRfcWay() throws RtcpFormatException {
        List<RtcpPacket> packets = RtcpCodec.decodeCompound(HEX.parseHex(SR_HEX + BOOK_BYE_HEX));
        assertThat(packets).containsExactly(SR, BYE);
        assertThat(HEX.formatHex(RtcpCodec.encodeCompound(packets))).isEqualTo(SR_HEX + BYE_HEX);
    }

    @Test
    void theGuidesPaddedByeBeforeAnotherPacketIsRejected() {
        // RFC 3550 §6.4.1: only the last packet of a compound may be padded
        assertRejected(SR_HEX + BOOK_BYE_HEX + SDES_HEX, Reason.BAD_PADDING);
    }

    @Test
    void reportBlockFieldsUseTheirFullWidth() throws RtcpFormatException {
        // the guide's masks (0x0fff, 0x0fffff) would corrupt these (RTCP-01 notes)
        ReceiverReport rr = new ReceiverReport(0xFFFF_FFFFL, List.of(
                new ReportBlock(0xFFFF_FFFFL, 255, ReportBlock.MAX_CUMULATIVE_LOST, 0xFFFF_FFFFL, 0xFFFF_FFFFL, 0xFFFF_FFFFL, 0xFFFF_FFFFL),
                new ReportBlock(7, 128, -1, 65536, 0, 0, 0),
                new ReportBlock(7, 0, ReportBlock.MIN_CUMULATIVE_LOST, 0, 0, 0, 0)));
        byte[] wire = RtcpCodec.encodeCompound(List.of(rr));
        assertThat(HEX.formatHex(wire, 8 + 4, 8 + 8)).isEqualTo("ff7fffff");
        assertThat(HEX.formatHex(wire, 32 + 4, 32 + 8)).isEqualTo("80ffffff");
        assertThat(RtcpCodec.decodeCompound(wire)).containsExactly(rr);
    }

    @Test
    void skipsUnknownPacketTypes() throws RtcpFormatException {
        String app = "80cc0002" + "00000001" + "6e616d65";    // APP, name "name"
        String rtpfb = "81cd0003" + "00000001" + "00000002" + "00010000"; // generic NACK
        List<RtcpPacket> packets = RtcpCodec.decodeCompound(HEX.parseHex(SR_HEX + app + rtpfb + BYE_HEX));
        assertThat(packets).containsExactly(SR, BYE);
    }

    @Test
    void emptyReasonAndEmptyChunksRoundTrip() throws RtcpFormatException {
        List<RtcpPacket> packets = List.of(new ReceiverReport(9, List.of()),
                new SourceDescription(List.of(new Chunk(9, List.of()))), new Bye(List.of(), ""));
        byte[] wire = RtcpCodec.encodeCompound(packets);
        assertThat(HEX.formatHex(wire)).isEqualTo("80c9000100000009" + "81ca0002" + "0000000900000000" + "80cb0000");
        assertThat(RtcpCodec.decodeCompound(wire)).isEqualTo(packets);
    }

    @Test
    void rejectsEachMalformationWithItsReason() {
        assertRejected("", Reason.TRUNCATED);
        assertRejected("80c9", Reason.TRUNCATED);
        assertRejected("80c90001000000", Reason.BAD_LENGTH);                      // not whole words
        assertRejected("40c9000100000009", Reason.BAD_VERSION);
        assertRejected("80c9000100000009" + "40ca0000", Reason.BAD_VERSION);
        assertRejected(SDES_HEX, Reason.BAD_FIRST_PACKET);
        assertRejected(BYE_HEX, Reason.BAD_FIRST_PACKET);
        assertRejected("80c9000200000009", Reason.TRUNCATED);                     // length past the end
        assertRejected("81c9000100000009", Reason.BAD_LENGTH);                    // RC 1 without the block
        assertRejected("81c8000600000001" + "0".repeat(40), Reason.BAD_LENGTH);   // SR with RC 1, no block
        assertRejected("a0c9000100000000", Reason.BAD_PADDING);                   // pad count 0
        assertRejected("a0c9000100000005", Reason.BAD_PADDING);                   // pad count > body
        assertRejected("a0c9000100000004" + "80ca0000", Reason.BAD_PADDING);      // padded, not last
        assertRejected("80c9000100000009" + "81ca0001" + "00000009", Reason.BAD_SDES);          // no terminator
        assertRejected("80c9000100000009" + "81ca0002" + "00000009" + "0105616200", Reason.BAD_LENGTH);
        assertRejected("80c9000100000009" + "81ca0002" + "00000009" + "01056162", Reason.BAD_SDES); // item too long
        assertRejected("80c9000100000009" + "82ca0002" + "00000009" + "00000000", Reason.BAD_SDES); // 2nd chunk missing
        assertRejected("80c9000100000009" + "80ca0001" + "00000000", Reason.BAD_SDES);          // after the last chunk
        assertRejected("80c9000100000009" + "81ca0002" + "00000009" + "0102c328", Reason.BAD_TEXT);
        assertRejected("80c9000100000009" + "82cb0001" + "00000001", Reason.BAD_LENGTH);         // SC 2, one SSRC
        assertRejected("80c9000100000009" + "81cb0002" + "00000001" + "05616263", Reason.BAD_BYE);
        assertRejected("80c9000100000009" + "81cb0002" + "00000001" + "02ff0000", Reason.BAD_TEXT);
        assertThatThrownBy(() -> RtcpCodec.decodeCompound(new byte[RtcpCodec.MAX_COMPOUND_SIZE + 4]))
                .isInstanceOfSatisfying(RtcpFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OVERSIZED));
    }

    @Test
    void encodingRefusesACompoundThatDoesNotStartWithAReport() {
        assertThatThrownBy(() -> RtcpCodec.encodeCompound(List.of(BYE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtcpCodec.encodeCompound(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Item(Item.NOTE, "x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRejected(String hex, Reason reason) {
        assertThatThrownBy(() -> RtcpCodec.decodeCompound(HEX.parseHex(hex)))
                .isInstanceOfSatisfying(RtcpFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
