package io.peerdial.node.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** ITU-T G.711 µ-law and A-law against the standard's reconstruction levels and known code words. */
class G711Test {

    /** G.711 Table 2a decoder output, scaled from 14 to 16 bits: ((2m + 33) << e) - 33, times 4. */
    private static int ulawLevel(int code) {
        int inverted = ~code & 0xFF;
        int exponent = (inverted >> 4) & 7;
        int mantissa = inverted & 0x0F;
        int magnitude = (((2 * mantissa + 33) << exponent) - 33) * 4;
        return (inverted & 0x80) != 0 ? -magnitude : magnitude;
    }

    /** G.711 Table 1a decoder output, scaled from 13 to 16 bits: (2m + 1) << 3, or (2m + 33) << (e + 2). */
    private static int alawLevel(int code) {
        int value = code ^ 0x55;
        int exponent = (value >> 4) & 7;
        int mantissa = value & 0x0F;
        int magnitude = exponent == 0 ? (2 * mantissa + 1) << 3 : (2 * mantissa + 33) << (exponent + 2);
        return (value & 0x80) != 0 ? magnitude : -magnitude;
    }

    @Test
    void ulawKnownCodeWords() {
        assertThat(G711.linearToUlaw((short) 0) & 0xFF).isEqualTo(0xFF);
        assertThat(G711.linearToUlaw((short) -1) & 0xFF).isEqualTo(0x7F); // "negative zero"
        assertThat(G711.linearToUlaw(Short.MAX_VALUE) & 0xFF).isEqualTo(0x80);
        assertThat(G711.linearToUlaw(Short.MIN_VALUE) & 0xFF).isEqualTo(0x00);
        assertThat(G711.ulawToLinear((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.ulawToLinear((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.ulawToLinear((byte) 0x00)).isEqualTo((short) -32124);
    }

    @Test
    void alawKnownCodeWords() {
        assertThat(G711.linearToAlaw((short) 0) & 0xFF).isEqualTo(0xD5);
        assertThat(G711.linearToAlaw(Short.MAX_VALUE) & 0xFF).isEqualTo(0xAA);
        assertThat(G711.linearToAlaw(Short.MIN_VALUE) & 0xFF).isEqualTo(0x2A);
        assertThat(G711.alawToLinear((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alawToLinear((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.alawToLinear((byte) 0xAA)).isEqualTo((short) 32256);
    }

    @Test
    void everyCodeDecodesToTheStandardLevelAndEncodesBack() {
        for (int code = 0; code < 256; code++) {
            short u = G711.ulawToLinear((byte) code);
            short a = G711.alawToLinear((byte) code);
            assertThat((int) u).as("µ-law %02x", code).isEqualTo(ulawLevel(code));
            assertThat((int) a).as("A-law %02x", code).isEqualTo(alawLevel(code));
            int expectedU = code == 0x7F ? 0xFF : code; // negative zero decodes to 0, which encodes as positive zero
            assertThat(G711.linearToUlaw(u) & 0xFF).as("µ-law %02x", code).isEqualTo(expectedU);
            assertThat(G711.linearToAlaw(a) & 0xFF).as("A-law %02x", code).isEqualTo(code);
        }
    }

    @Test
    void everySixteenBitSampleRoundTripsWithinTheSegmentStepAndMonotonically() {
        int previousU = Integer.MIN_VALUE;
        int previousA = Integer.MIN_VALUE;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            int u = G711.ulawToLinear(G711.linearToUlaw((short) x));
            int a = G711.alawToLinear(G711.linearToAlaw((short) x));
            // logarithmic quantiser: error grows with the level, about 1/32 of it; the top levels clip
            int bound = Math.abs(x) / 16 + 16;
            assertThat(Math.abs(u - x)).as("µ-law x=%d", x).isLessThanOrEqualTo(bound);
            assertThat(Math.abs(a - x)).as("A-law x=%d", x).isLessThanOrEqualTo(bound);
            assertThat(u).isGreaterThanOrEqualTo(previousU);
            assertThat(a).isGreaterThanOrEqualTo(previousA);
            previousU = u;
            previousA = a;
        }
    }

    @Test
    void framesAreTwentyMillisecondsAndPayloadsAreBounded() throws AudioDecodeException {
        Pcmu pcmu = new Pcmu();
        assertThat(pcmu.frameSamples()).isEqualTo(160);
        assertThat(pcmu.frameTicks()).isEqualTo(160);
        assertThat(pcmu.encode(new short[160])).hasSize(160).containsOnly((byte) 0xFF);
        assertThatThrownBy(() -> pcmu.encode(new short[159])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pcmu.decode(new byte[0]))
                .isInstanceOfSatisfying(AudioDecodeException.class, e -> assertThat(e.reason()).isEqualTo(AudioDecodeException.Reason.EMPTY));
        assertThatThrownBy(() -> pcmu.decode(new byte[G711Codec.MAX_PAYLOAD + 1]))
                .isInstanceOfSatisfying(AudioDecodeException.class, e -> assertThat(e.reason()).isEqualTo(AudioDecodeException.Reason.TOO_LONG));
        assertThat(pcmu.decode(new byte[240])).hasSize(240); // a 30 ms packet from a peer decodes whole
    }

    @Test
    void concealmentFadesTheLastFrameThenFallsSilent() throws AudioDecodeException {
        Pcma pcma = new Pcma();
        short[] frame = new short[160];
        java.util.Arrays.fill(frame, (short) 8000);
        short[] decoded = pcma.decode(pcma.encode(frame));
        short[] first = pcma.conceal();
        assertThat(first[0]).isEqualTo((short) (decoded[0] >> 1));
        assertThat(pcma.conceal()[0]).isEqualTo((short) (decoded[0] >> 2));
        pcma.conceal();
        assertThat(pcma.conceal()).containsOnly((short) 0);
    }
}
