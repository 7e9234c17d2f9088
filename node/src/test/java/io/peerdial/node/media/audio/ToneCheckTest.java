package io.peerdial.node.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The recording check of the demo and {@code peerdial tone}: windows with the tone, not its neighbours. */
class ToneCheckTest {

    private static WavAudio silenceThenTone(int silentMs, int toneMs, double hz) {
        short[] samples = new short[(silentMs + toneMs) * 8];
        short[] tone = new ToneSource(hz, 0.5, 8000).next(toneMs * 8);
        System.arraycopy(tone, 0, samples, silentMs * 8, tone.length);
        return new WavAudio(8000, 1, samples);
    }

    @Test
    void countsTheWindowsThatCarryTheTone() {
        ToneCheck.Result r = ToneCheck.scan(silenceThenTone(1000, 1000, 440), 440);
        assertThat(r.windows()).isEqualTo(10);
        assertThat(r.windowsWithTone()).isEqualTo(5);
        assertThat(r.present()).isTrue();
        assertThat(ToneCheck.scan(silenceThenTone(1000, 1000, 440), 660).windowsWithTone()).isZero();
    }

    @Test
    void lessThanSixHundredMillisecondsIsNotEnough() {
        assertThat(ToneCheck.scan(silenceThenTone(1000, 400, 440), 440).windowsWithTone()).isEqualTo(2);
        assertThat(ToneCheck.present(silenceThenTone(1000, 400, 440), 440)).isFalse();
        assertThat(ToneCheck.present(silenceThenTone(0, 600, 440), 440)).isTrue();
    }

    @Test
    void aNeighbourDominatingIsNotTheTone() {
        assertThat(ToneCheck.present(silenceThenTone(0, 2000, 660), 440)).isFalse();
        assertThat(ToneCheck.present(silenceThenTone(0, 2000, 440), 660)).isFalse();
    }

    @Test
    void stereoIsMixedToMono() {
        short[] mono = new ToneSource(440, 0.5, 8000).next(8000);
        short[] stereo = new short[mono.length * 2];
        for (int i = 0; i < mono.length; i++) {
            stereo[2 * i] = mono[i];
            stereo[2 * i + 1] = mono[i];
        }
        assertThat(ToneCheck.scan(new WavAudio(8000, 2, stereo), 440).windowsWithTone()).isEqualTo(5);
    }

    @Test
    void aToneAboveNyquistIsMisuse() {
        assertThatThrownBy(() -> ToneCheck.scan(silenceThenTone(0, 200, 440), 4000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ToneCheck.scan(silenceThenTone(0, 200, 440), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
