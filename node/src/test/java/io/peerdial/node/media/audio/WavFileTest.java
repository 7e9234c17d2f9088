package io.peerdial.node.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavFileTest {

    /** A 44-byte header for 2 mono samples (1, -2) at 8 kHz, written out by hand from the RIFF layout. */
    private static final String MONO_8K = "52494646" + "28000000" + "57415645"   // RIFF, 40, WAVE
            + "666d7420" + "10000000" + "0100" + "0100" + "401f0000" + "803e0000" + "0200" + "1000"
            + "64617461" + "04000000" + "0100" + "feff";

    @Test
    void canonicalFileBothWays() throws Exception {
        WavAudio audio = new WavAudio(8000, 1, new short[] {1, -2});
        assertThat(HexFormat.of().formatHex(WavFile.toBytes(audio))).isEqualTo(MONO_8K);
        assertThat(WavFile.read(HexFormat.of().parseHex(MONO_8K)).sameAs(audio)).isTrue();
    }

    @Test
    void streamsRoundTripForEveryFormat() throws Exception {
        for (int rate : new int[] {8000, 16_000, 48_000}) {
            for (int channels = 1; channels <= 2; channels++) {
                short[] samples = new ToneSource(440, 0.5, rate).next(channels * rate / 10);
                WavAudio audio = new WavAudio(rate, channels, samples);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                WavFile.write(out, audio);
                assertThat(WavFile.read(new ByteArrayInputStream(out.toByteArray())).sameAs(audio)).isTrue();
            }
        }
        WavAudio stereo = new WavAudio(8000, 2, new short[] {100, 300, -10, -30});
        assertThat(stereo.toMono().samples()).containsExactly(200, -20);
    }

    @Test
    void unknownChunksAndOddPaddingAreSkipped() throws Exception {
        // RIFF, WAVE, a LIST chunk of 3 bytes + pad byte, fmt, data
        ByteBuffer b = ByteBuffer.allocate(12 + 12 + 24 + 10).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(4 + 12 + 24 + 10).put("WAVE".getBytes());
        b.put("LIST".getBytes()).putInt(3).put(new byte[] {1, 2, 3, 0});
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(48_000).putInt(96_000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2).putShort((short) 7);
        WavAudio audio = WavFile.read(b.array());
        assertThat(audio.sampleRate()).isEqualTo(48_000);
        assertThat(audio.samples()).containsExactly(7);
    }

    @ParameterizedTest
    @CsvSource({
        "'', TRUNCATED",
        "52494646280000005741, TRUNCATED",
        "52494646ffff000057415645, TRUNCATED",
        "5249464602000000574156450000, BAD_CHUNK",
        "524946460400000057415645, MISSING_FMT",
        "524946462800000041564920666d7420100000000100010040, TRUNCATED",
        "4e4f504528000000574156450000000000000000, NOT_RIFF",
        "524946460400000041564920, NOT_WAVE",
        "524946460c0000005741564564617461ff000000, BAD_CHUNK",
        "524946460c000000574156456461746100000000, MISSING_FMT",
        "52494646120000005741564566616374000000000000000000000000, BAD_CHUNK",
    })
    void malformedFilesAreRefusedWithTheirReason(String hex, WavFormatException.Reason reason) {
        assertThatThrownBy(() -> WavFile.read(HexFormat.of().parseHex(hex)))
                .isInstanceOfSatisfying(WavFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @ParameterizedTest
    @CsvSource({
        "3, 1, 8000, 16, 2, 16000, UNSUPPORTED_FORMAT",
        "1, 3, 8000, 16, 6, 48000, UNSUPPORTED_CHANNELS",
        "1, 1, 44100, 16, 2, 88200, UNSUPPORTED_RATE",
        "1, 1, 8000, 8, 1, 8000, UNSUPPORTED_BITS",
        "1, 1, 8000, 16, 4, 16000, BAD_FMT",
        "1, 1, 8000, 16, 2, 9999, BAD_FMT",
    })
    void unsupportedFormatsAreRefused(int tag, int channels, int rate, int bits, int align, int byteRate,
                                      WavFormatException.Reason reason) {
        byte[] file = HexFormat.of().parseHex(MONO_8K);
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(20, (short) tag).putShort(22, (short) channels).putInt(24, rate).putInt(28, byteRate)
                .putShort(32, (short) align).putShort(34, (short) bits);
        assertThatThrownBy(() -> WavFile.read(file))
                .isInstanceOfSatisfying(WavFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void structuralErrorsAreRefused() {
        byte[] oddData = HexFormat.of().parseHex(MONO_8K.replace("6461746104000000", "6461746103000000"));
        assertThatThrownBy(() -> WavFile.read(oddData)).isInstanceOfSatisfying(WavFormatException.class,
                e -> assertThat(e.reason()).isEqualTo(WavFormatException.Reason.BAD_DATA_LENGTH));
        String twoFmt = "52494646" + "40000000" + "57415645" + MONO_8K.substring(24, 72) + MONO_8K.substring(24);
        assertThatThrownBy(() -> WavFile.read(HexFormat.of().parseHex(twoFmt))).isInstanceOfSatisfying(WavFormatException.class,
                e -> assertThat(e.reason()).isEqualTo(WavFormatException.Reason.DUPLICATE_CHUNK));
        String noData = "52494646" + "1c000000" + "57415645" + MONO_8K.substring(24, 72);
        assertThatThrownBy(() -> WavFile.read(HexFormat.of().parseHex(noData))).isInstanceOfSatisfying(WavFormatException.class,
                e -> assertThat(e.reason()).isEqualTo(WavFormatException.Reason.MISSING_DATA));
    }

    @Test
    void oversizedStreamsAreRefusedWithoutReadingThemWhole() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }
        };
        assertThatThrownBy(() -> WavFile.read(endless, 1_000)).isInstanceOfSatisfying(WavFormatException.class,
                e -> assertThat(e.reason()).isEqualTo(WavFormatException.Reason.TOO_LARGE));
        assertThat(WavFile.MAX_BYTES).isEqualTo(100 * 1024 * 1024);
    }

    static byte[] sample() {
        return HexFormat.of().parseHex(MONO_8K);
    }
}
