package io.peerdial.p2p.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.p2p.stream.StreamFormatException.Reason;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Vectors both ways, and one refusal per {@link Reason}. */
class SegmentCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    // version 1, type ACK, conn 0x0a0b0c0d, cumulative 0x100, limit 0x10100, one SACK [0x200, 0x300), CRC32C
    private static final String ACK_BODY = "01" + "02" + "0a0b0c0d" + "0000000000000100" + "0000000000010100" + "01"
            + "0000000000000200" + "0000000000000300";
    // version 1, type DATA, conn 7, cumulative 0, limit 0x100000, no SACK, offset 5, length 3, "abc"
    private static final String DATA_BODY = "01" + "01" + "00000007" + "0000000000000000" + "0000000000100000" + "00"
            + "0000000000000005" + "0003" + "616263";
    // version 1, type RST, conn 7, code 0x2a
    private static final String RST_BODY = "01" + "05" + "00000007" + "0000002a";

    @Test
    void ackVector() throws Exception {
        Segment ack = new Segment.Ack(0x0a0b0c0d, new AckInfo(0x100, 0x10100, List.of(new SackRange(0x200, 0x300))));
        assertThat(HEX.formatHex(SegmentCodec.encode(ack))).isEqualTo(ACK_BODY + crc(ACK_BODY));
        assertThat(SegmentCodec.decode(HEX.parseHex(ACK_BODY + crc(ACK_BODY)))).isEqualTo(ack);
    }

    @Test
    void dataVector() throws Exception {
        Segment data = new Segment.Data(7, new AckInfo(0, 0x100000), 5, new byte[] {'a', 'b', 'c'});
        assertThat(HEX.formatHex(SegmentCodec.encode(data))).isEqualTo(DATA_BODY + crc(DATA_BODY));
        assertThat(SegmentCodec.decode(HEX.parseHex(DATA_BODY + crc(DATA_BODY)))).isEqualTo(data);
    }

    @Test
    void resetVector() throws Exception {
        assertThat(HEX.formatHex(SegmentCodec.encode(new Segment.Reset(7, 42)))).isEqualTo(RST_BODY + crc(RST_BODY));
        assertThat(SegmentCodec.decode(HEX.parseHex(RST_BODY + crc(RST_BODY)))).isEqualTo(new Segment.Reset(7, 42));
    }

    @Test
    void everyTypeRoundTrips() throws Exception {
        AckInfo ack = new AckInfo(10, 2000, List.of(new SackRange(20, 30), new SackRange(40, 50),
                new SackRange(60, 70), new SackRange(80, 90)));
        for (Segment s : List.of(new Segment.Ping(3, ack), new Segment.Fin(3, ack, 1234), new Segment.Ack(-1, ack),
                new Segment.Data(3, ack, 0, new byte[SegmentCodec.MAX_PAYLOAD]))) {
            byte[] bytes = SegmentCodec.encode(s);
            assertThat(bytes.length).isLessThanOrEqualTo(SegmentCodec.MAX_DATAGRAM);
            assertThat(SegmentCodec.decode(bytes)).isEqualTo(s);
        }
        assertThat(SegmentCodec.encode(new Segment.Data(3, ack, 0, new byte[SegmentCodec.MAX_PAYLOAD])))
                .hasSize(SegmentCodec.MAX_DATAGRAM);
    }

    @Test
    void refusals() {
        refused(new byte[1300], Reason.TOO_LONG);
        refused(new byte[5], Reason.TOO_SHORT);
        byte[] bad = HEX.parseHex(RST_BODY + crc(RST_BODY));
        bad[bad.length - 1] ^= 1;
        refused(bad, Reason.BAD_CHECKSUM);
        refused(withCrc("02" + RST_BODY.substring(2)), Reason.UNKNOWN_VERSION);
        refused(withCrc("0109" + RST_BODY.substring(4)), Reason.UNKNOWN_TYPE);
        refused(withCrc(ACK_BODY.substring(0, 40)), Reason.TRUNCATED);
        refused(withCrc(RST_BODY + "00"), Reason.TRAILING_BYTES);
        refused(withCrc("0102" + "00000007" + "8000000000000000" + "0000000000000000" + "00"), Reason.BAD_OFFSET);
        refused(withCrc(DATA_BODY.substring(0, DATA_BODY.length() - 10) + "0000"), Reason.EMPTY_DATA);
        refused(withCrc("0102" + "00000007" + "0000000000000000" + "0000000000000000" + "05"), Reason.TOO_MANY_SACK_RANGES);
        // a SACK range starting at the cumulative point
        refused(withCrc("0102" + "00000007" + "0000000000000200" + "0000000000000000" + "01"
                + "0000000000000200" + "0000000000000300"), Reason.BAD_SACK_RANGE);
    }

    @Test
    void misuseIsAnIllegalArgument() {
        assertThatThrownBy(() -> new Segment.Data(1, new AckInfo(0, 0), 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AckInfo(10, 0, List.of(new SackRange(5, 8))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegmentCodec.encode(new Segment.Data(1, new AckInfo(0, 0), 0,
                new byte[SegmentCodec.MAX_PAYLOAD + 1]))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void refused(byte[] datagram, Reason reason) {
        assertThatThrownBy(() -> SegmentCodec.decode(datagram)).isInstanceOf(StreamFormatException.class)
                .extracting(e -> ((StreamFormatException) e).reason()).isEqualTo(reason);
    }

    private static byte[] withCrc(String hex) {
        return HEX.parseHex(hex + crc(hex));
    }

    private static String crc(String hex) {
        CRC32C crc = new CRC32C();
        crc.update(HEX.parseHex(hex));
        return HEX.formatHex(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
