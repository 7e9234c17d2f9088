package io.peerdial.node.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** WAV files come from users and peers: only WavFormatException may leave the reader; what reads writes back and reads equal. */
class WavFileFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void readRoundTrips(byte[] input) {
        WavAudio audio;
        try {
            audio = WavFile.read(input);
        } catch (WavFormatException expected) {
            return;
        }
        assertThat(audio.samples().length * 2).isLessThan(input.length);
        try {
            assertThat(WavFile.read(WavFile.toBytes(audio)).sameAs(audio)).isTrue();
        } catch (WavFormatException e) {
            throw new AssertionError("our own output must read back", e);
        }
    }
}
