package io.peerdial.node.media.call;

import io.peerdial.node.media.audio.Resampler;
import io.peerdial.node.media.audio.ToneSource;
import io.peerdial.node.media.audio.WavAudio;
import java.util.Objects;

/**
 * What a call sends: 20 ms frames of 16-bit mono PCM at the rate the codec asks for. Sources are
 * stateful (phase, read position), one per call.
 */
public interface AudioSource {

    /** The next {@code samples} samples at {@code sampleRate} (8000, 16000 or 48000). */
    short[] next(int sampleRate, int samples);

    static AudioSource silence() {
        return (rate, samples) -> new short[samples];
    }

    /** A sine of {@code hz} at half of full scale, phase-continuous across frames (and across a codec change of rate). */
    static AudioSource tone(double hz) {
        return new AudioSource() {
            private ToneSource tone;

            @Override
            public short[] next(int sampleRate, int samples) {
                if (tone == null || tone.sampleRate() != sampleRate) {
                    tone = new ToneSource(hz, 0.5, sampleRate);
                }
                return tone.next(samples);
            }
        };
    }

    /**
     * The samples of a WAV file (made mono), converted to the codec rate; {@code loop}: start again at the end,
     * else silence after the end.
     */
    static AudioSource wav(WavAudio audio, boolean loop) {
        Objects.requireNonNull(audio, "audio");
        WavAudio mono = audio.toMono();
        return new AudioSource() {
            private int rate = -1;
            private short[] converted;
            private int position;

            @Override
            public short[] next(int sampleRate, int samples) {
                if (sampleRate != rate) {
                    converted = convert(mono.samples(), mono.sampleRate(), sampleRate);
                    position = (int) ((long) position * sampleRate / Math.max(rate, 1)) % Math.max(converted.length, 1);
                    rate = sampleRate;
                }
                short[] out = new short[samples];
                for (int i = 0; i < samples && converted.length > 0; i++) {
                    if (position >= converted.length) {
                        if (!loop) {
                            break;
                        }
                        position = 0;
                    }
                    out[i] = converted[position++];
                }
                return out;
            }
        };
    }

    /** Rate conversion through 48 kHz, the rate {@link Resampler} pairs with 8 and 16 kHz. */
    private static short[] convert(short[] samples, int from, int to) {
        if (from == to) {
            return samples;
        }
        short[] at48 = from == 48_000 ? samples : new Resampler(from, 48_000).process(samples);
        return to == 48_000 ? at48 : new Resampler(48_000, to).process(at48);
    }
}
