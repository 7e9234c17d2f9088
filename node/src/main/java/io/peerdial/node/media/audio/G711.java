package io.peerdial.node.media.audio;

/**
 * ITU-T G.711 companding, computed the way the ITU-T reference implementation (G.191 STL,
 * {@code g711.c}) does it, so every code word equals the standard's tables. Input is 16-bit linear PCM;
 * µ-law uses its 14 most significant bits and A-law its 13, as G.711 specifies.
 */
final class G711 {

    private G711() {
    }

    /** G.711 µ-law (Table 2a): 16-bit linear sample to an 8-bit code word. */
    static byte linearToUlaw(short sample) {
        // one's complement for negative values keeps the code symmetric (G.191 ulaw_compress)
        int magnitude = (sample < 0 ? (~sample) >> 2 : sample >> 2) + 33; // 33: the µ-law bias in 14-bit units
        if (magnitude > 0x1FFF) {
            magnitude = 0x1FFF;
        }
        int segment = 1;
        for (int i = magnitude >> 6; i != 0; i >>= 1) {
            segment++;
        }
        int highNibble = 0x08 - segment;
        int lowNibble = 0x0F - ((magnitude >> segment) & 0x0F);
        int code = (highNibble << 4) | lowNibble;
        if (sample >= 0) {
            code |= 0x80;
        }
        return (byte) code;
    }

    /** G.711 µ-law decoding (G.191 ulaw_expand). */
    static short ulawToLinear(byte code) {
        int value = code & 0xFF;
        int sign = value < 0x80 ? -1 : 1;
        int inverted = ~value;
        int exponent = (inverted >> 4) & 0x07;
        int mantissa = inverted & 0x0F;
        int step = 4 << (exponent + 1);
        return (short) (sign * ((0x80 << exponent) + step * mantissa + step / 2 - 4 * 33));
    }

    /** G.711 A-law (Table 1a): 16-bit linear sample to an 8-bit code word (G.191 alaw_compress). */
    static byte linearToAlaw(short sample) {
        int magnitude = sample < 0 ? (~sample) >> 4 : sample >> 4;
        if (magnitude > 15) {
            int exponent = 1;
            while (magnitude > 16 + 15) {
                magnitude >>= 1;
                exponent++;
            }
            magnitude -= 16;
            magnitude += exponent << 4;
        }
        if (sample >= 0) {
            magnitude |= 0x80;
        }
        return (byte) (magnitude ^ 0x55); // even bits inverted, as transmitted (G.711 §3)
    }

    /** G.711 A-law decoding (G.191 alaw_expand). */
    static short alawToLinear(byte code) {
        int value = (code & 0xFF) ^ 0x55;
        int exponent = (value & 0x7F) >> 4;
        int mantissa = value & 0x0F;
        if (exponent > 0) {
            mantissa += 16;
        }
        mantissa = (mantissa << 4) + 0x08;
        if (exponent > 1) {
            mantissa <<= exponent - 1;
        }
        return (short) ((value & 0x80) != 0 ? mantissa : -mantissa);
    }
}
