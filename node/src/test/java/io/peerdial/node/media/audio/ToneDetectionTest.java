package io.peerdial.node.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The demo's audio check: a 440 Hz tone survives PCMU and is told apart from 350 Hz and 1000 Hz. */
class ToneDetectionTest {

    private static short[] concat(java.util.List<short[]> frames) {
        int total = frames.stream().mapToInt(f -> f.length).sum();
        short[] out = new short[total];
        int at = 0;
        for (short[] f : frames) {
            System.arraycopy(f, 0, out, at, f.length);
            at += f.length;
        }
        return out;
    }

    @Test
    void toneThroughPcmuIsDetectedAt440Only() throws AudioDecodeException {
        ToneSource tone = new ToneSource(440, 0.5, 8000);
        Pcmu encoder = new Pcmu();
        Pcmu decoder = new Pcmu();
        java.util.List<short[]> frames = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) { // 100 ms
            frames.add(decoder.decode(encoder.encode(tone.nextFrame())));
        }
        short[] received = concat(frames);
        assertThat(Goertzel.detect(received, 8000, 440)).isTrue();
        assertThat(Goertzel.relativePower(received, 8000, 440)).isGreaterThan(0.9);
        assertThat(Goertzel.detect(received, 8000, 350)).isFalse();
        assertThat(Goertzel.detect(received, 8000, 1000)).isFalse();
        assertThat(Goertzel.dominant(received, 8000, 350, 440, 1000)).hasValue(440);
    }

    @Test
    void silenceAndNoiseAreNotATone() {
        short[] silence = new short[800];
        assertThat(Goertzel.detect(silence, 8000, 440)).isFalse();
        assertThat(Goertzel.dominant(silence, 8000, 350, 440, 1000)).isEmpty();
        SplittableRandom random = new SplittableRandom(7);
        short[] noise = new short[800];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) random.nextInt(-8000, 8000);
        }
        assertThat(Goertzel.detect(noise, 8000, 440)).isFalse();
        assertThat(Goertzel.dominant(noise, 8000, 350, 440, 1000)).isEmpty();
    }

    @Test
    void toneAt48kHzAndTwoTonesMixed() {
        short[] tone = new ToneSource(1000, 0.3, 48_000).next(4800);
        assertThat(Goertzel.dominant(tone, 48_000, 440, 1000)).hasValue(1000);
        short[] low = new ToneSource(350, 0.25, 8000).next(800);
        short[] high = new ToneSource(440, 0.25, 8000).next(800);
        short[] dialTone = new short[800];
        for (int i = 0; i < dialTone.length; i++) {
            dialTone[i] = (short) (low[i] + high[i]);
        }
        // each of the two holds about half the energy: neither dominates alone
        assertThat(Goertzel.relativePower(dialTone, 8000, 350)).isBetween(0.4, 0.6);
        assertThat(Goertzel.relativePower(dialTone, 8000, 440)).isBetween(0.4, 0.6);
        assertThat(Goertzel.relativePower(dialTone, 8000, 1000)).isLessThan(0.05);
    }

    @Test
    void toneSourceKeepsPhaseAcrossFrames() {
        ToneSource framed = new ToneSource(440, 0.5, 8000);
        short[] joined = concat(java.util.List.of(framed.nextFrame(), framed.nextFrame()));
        short[] whole = new ToneSource(440, 0.5, 8000).next(320);
        assertThat(joined).isEqualTo(whole);
        assertThat(whole[0]).isEqualTo((short) 0);
        assertThat(Math.abs(whole[5] - Math.round(0.5 * Short.MAX_VALUE * Math.sin(2 * Math.PI * 440 * 5 / 8000.0)))).isLessThanOrEqualTo(1);
    }
}
