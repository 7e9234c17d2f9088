package io.peerdial.relay.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** ChannelData framing (RFC 8656 §12.4, §12.5), one test per reason. */
class ChannelDataTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static ChannelDataException.Reason reasonOf(String hex, int max) {
        byte[] b = hex(hex);
        try {
            ChannelData.validate(b, 0, b.length, max);
        } catch (ChannelDataException e) {
            return e.reason();
        }
        throw new AssertionError("accepted " + hex);
    }

    @Test
    void encodesAndDecodesBothWays() throws ChannelDataException {
        byte[] wire = hex("4001 0003 010203");
        assertThat(new ChannelData(0x4001, hex("010203")).encode(false)).isEqualTo(wire);
        assertThat(ChannelData.decode(wire, 0, wire.length, 100)).isEqualTo(new ChannelData(0x4001, hex("010203")));
    }

    @Test
    void streamFormIsPaddedToFour() {
        byte[] tcp = new ChannelData(0x4001, hex("010203")).encode(true);
        assertThat(tcp).isEqualTo(hex("4001 0003 01020300"));
        assertThat(ChannelData.streamFrameLength(tcp, 0, tcp.length)).isEqualTo(8);
        assertThat(ChannelData.streamFrameLength(tcp, 0, 3)).isEqualTo(-1);
    }

    @Test
    void udpPaddingAfterThePayloadIsIgnored() throws ChannelDataException {
        byte[] padded = hex("4001 0003 01020300");
        assertThat(ChannelData.validate(padded, 0, padded.length, 100)).isEqualTo(3);
        assertThat(ChannelData.decode(padded, 0, padded.length, 100).data()).isEqualTo(hex("010203"));
    }

    @Test
    void worksInsideALargerBuffer() throws ChannelDataException {
        byte[] b = hex("ffff 4001 0001 aa ffff");
        assertThat(ChannelData.validate(b, 2, 5, 100)).isEqualTo(1);
        assertThat(ChannelData.channelNumberOf(b, 2)).isEqualTo(0x4001);
    }

    @Test
    void oneTestPerReason() {
        assertThat(reasonOf("4001 00", 100)).isEqualTo(ChannelDataException.Reason.TRUNCATED);
        assertThat(reasonOf("4001 0004 010203", 100)).isEqualTo(ChannelDataException.Reason.TRUNCATED);
        assertThat(reasonOf("0001 0000", 100)).isEqualTo(ChannelDataException.Reason.NOT_CHANNEL_DATA);
        assertThat(reasonOf("8001 0000", 100)).isEqualTo(ChannelDataException.Reason.NOT_CHANNEL_DATA);
        assertThat(reasonOf("4001 0003 010203", 2)).isEqualTo(ChannelDataException.Reason.OVERSIZED);
    }

    @Test
    void demultiplexesByTheFirstTwoBits() {
        assertThat(ChannelData.looksLikeChannelData(hex("40"), 0, 1)).isTrue();
        assertThat(ChannelData.looksLikeChannelData(hex("7f"), 0, 1)).isTrue();
        assertThat(ChannelData.looksLikeChannelData(hex("00"), 0, 1)).isFalse(); // STUN
        assertThat(ChannelData.looksLikeChannelData(hex("80"), 0, 1)).isFalse(); // RTP
        assertThat(ChannelData.looksLikeChannelData(new byte[0], 0, 0)).isFalse();
    }

    @Test
    void recordRefusesNumbersOutsideTheRange() {
        assertThatThrownBy(() -> new ChannelData(0x3FFF, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
