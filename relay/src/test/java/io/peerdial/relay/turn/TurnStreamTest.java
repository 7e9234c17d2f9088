package io.peerdial.relay.turn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TurnStreamTest {

    @Test
    void aStunMessageEndsAfterItsHeaderAndLength() {
        byte[] b = {0x00, 0x01, 0x00, 0x08, 0x21, 0x12, (byte) 0xA4, 0x42};
        assertThat(TurnStream.frameLength(b, 0, b.length)).isEqualTo(20 + 8);
    }

    @Test
    void channelDataIsPaddedToFourOnAStream() {
        byte[] b = new ChannelData(0x4001, new byte[] {1, 2, 3, 4, 5}).encode(true);
        assertThat(TurnStream.frameLength(b, 0, b.length)).isEqualTo(4 + 8).isEqualTo(b.length);
    }

    @Test
    void fewerThanFourBytesTellNothingYet() {
        byte[] b = {0x40, 0x01, 0x00};
        assertThat(TurnStream.frameLength(b, 0, 3)).isEqualTo(TurnStream.NEED_MORE);
    }

    @Test
    void aFirstByteOfNeitherKindMeansTheFramingIsLost() {
        byte[] b = {(byte) 0x80, 0, 0, 4};
        assertThat(TurnStream.frameLength(b, 0, 4)).isEqualTo(TurnStream.NOT_TURN);
        assertThat(TurnStream.frameLength(new byte[] {(byte) 0xC0, 0, 0, 0}, 0, 4)).isEqualTo(TurnStream.NOT_TURN);
    }

    @Test
    void itReadsAtTheOffsetGiven() {
        byte[] b = {9, 9, 0x40, 0x00, 0x00, 0x01, 7, 0, 0, 0};
        assertThat(TurnStream.frameLength(b, 2, 8)).isEqualTo(8);
    }
}
