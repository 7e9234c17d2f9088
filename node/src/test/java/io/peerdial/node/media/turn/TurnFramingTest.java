package io.peerdial.node.media.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.node.media.turn.TapParseException.Reason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8489 §6.2.2 and RFC 8656 §12.5: frame boundaries in a stream, ChannelData padding on and off. */
class TurnFramingTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 160, 161, 0xFFFF})
    void channelDataIsPaddedToFourInTheStreamAndUnpaddedAsADatagram(int payload) throws Exception {
        byte[] datagram = TurnMessages.channelData(payload);
        int padded = 4 + ((payload + 3) / 4) * 4;
        assertThat(TurnFraming.streamLengthOfDatagram(datagram, 0, datagram.length)).isEqualTo(padded);
        byte[] frame = Arrays.copyOf(datagram, padded); // zero padding, as the tap writes it
        assertThat(TurnFraming.streamFrameLength(frame, 0, frame.length)).isEqualTo(padded);
        assertThat(TurnFraming.datagramLength(frame, 0, padded)).isEqualTo(4 + payload);
    }

    @Test
    void stunFramesAreTheirHeaderPlusLengthBothWays() throws Exception {
        byte[] m = TurnMessages.COTURN_ALLOCATE_SUCCESS;
        assertThat(TurnFraming.streamFrameLength(m, 0, m.length)).isEqualTo(m.length).isEqualTo(20 + 0x58);
        assertThat(TurnFraming.streamFrameLength(m, 0, 4)).isEqualTo(m.length); // known from the first 4 bytes
        assertThat(TurnFraming.datagramLength(m, 0, m.length)).isEqualTo(m.length);
        assertThat(TurnFraming.streamLengthOfDatagram(m, 0, m.length)).isEqualTo(m.length);
    }

    @Test
    void aDatagramWithPaddingAlreadyKeepsItAndExtraBytesAreCut() throws Exception {
        byte[] padded = Arrays.copyOf(TurnMessages.channelData(5), 4 + 8 + 4); // 3 bytes of padding and 4 more
        assertThat(TurnFraming.streamLengthOfDatagram(padded, 0, padded.length)).isEqualTo(12);
    }

    @Test
    void fewerThanFourBytesCannotTellTheFrameLengthYet() throws Exception {
        assertThat(TurnFraming.streamFrameLength(new byte[] {0x40, 0x01, 0x00}, 0, 3)).isEqualTo(-1);
        assertThat(TurnFraming.streamFrameLength(new byte[0], 0, 0)).isEqualTo(-1);
    }

    @Test
    void aStreamThatLosesItsFramingIsRefused() {
        assertThatThrownBy(() -> TurnFraming.streamFrameLength(new byte[] {(byte) 0x80, 0, 0, 4}, 0, 4))
                .isInstanceOfSatisfying(TapParseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_TURN));
        assertThatThrownBy(() -> TurnFraming.streamFrameLength(new byte[] {0x01, 0x01, 0, 5}, 0, 4)) // STUN length not /4
                .isInstanceOfSatisfying(TapParseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_STUN));
    }

    @Test
    void datagramsThatWouldBreakAStreamAreRefused() {
        byte[] cut = Arrays.copyOf(TurnMessages.channelData(40), 30); // length 40, 26 bytes follow
        assertThatThrownBy(() -> TurnFraming.streamLengthOfDatagram(cut, 0, cut.length))
                .isInstanceOfSatisfying(TapParseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
        byte[] stun = Arrays.copyOf(TurnMessages.COTURN_ALLOCATE_SUCCESS, TurnMessages.COTURN_ALLOCATE_SUCCESS.length + 4);
        assertThatThrownBy(() -> TurnFraming.streamLengthOfDatagram(stun, 0, stun.length)) // header length != datagram
                .isInstanceOfSatisfying(TapParseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_STUN));
        assertThatThrownBy(() -> TurnFraming.streamLengthOfDatagram(new byte[] {0x40, 0x01}, 0, 2))
                .isInstanceOfSatisfying(TapParseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
        assertThatThrownBy(() -> TurnFraming.streamLengthOfDatagram(new byte[] {(byte) 0xC0, 0, 0, 0}, 0, 4))
                .isInstanceOfSatisfying(TapParseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_TURN));
    }
}
