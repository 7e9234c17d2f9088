package io.peerdial.node.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    @Test
    void upAndDownKeepTheToneAndTheLength() {
        Resampler up = new Resampler(8000, 48_000);
        Resampler down = new Resampler(48_000, 8000);
        ToneSource tone = new ToneSource(440, 0.5, 8000);
        short[] high = new short[0];
        short[] back = new short[0];
        for (int i = 0; i < 5; i++) {
            short[] frame = up.process(tone.nextFrame());
            assertThat(frame).hasSize(960);
            high = concat(high, frame);
            back = concat(back, down.process(frame));
        }
        assertThat(Goertzel.dominant(high, 48_000, 350, 440, 1000)).hasValue(440);
        assertThat(Goertzel.relativePower(back, 8000, 440)).isGreaterThan(0.9);
        assertThat(back).hasSize(800);
    }

    @Test
    void upsamplingInterpolatesLinearlyAcrossFrames() {
        Resampler up = new Resampler(8000, 48_000);
        assertThat(up.process(new short[] {600})).containsExactly(100, 200, 300, 400, 500, 600);
        assertThat(up.process(new short[] {0})).containsExactly(500, 400, 300, 200, 100, 0);
        assertThat(new Resampler(48_000, 16_000).process(new short[] {3, 6, 9, 1, 1, 1})).containsExactly(6, 1);
    }

    @Test
    void unsupportedRatesAndPartialBlocksAreRefused() {
        assertThatThrownBy(() -> new Resampler(44_100, 48_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Resampler(48_000, 8000).process(new short[7])).isInstanceOf(IllegalArgumentException.class);
    }

    private static short[] concat(short[] a, short[] b) {
        short[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
