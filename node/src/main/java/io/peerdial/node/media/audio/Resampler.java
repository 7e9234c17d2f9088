package io.peerdial.node.media.audio;

/**
 * Converts 16-bit mono PCM between 8 kHz (G.711, telephone WAV files) and 48 kHz (Opus) by an integer
 * ratio (6, or 3 for 16 kHz). Deliberately simple, adequate for speech and test tones, not for music:
 * <ul>
 *   <li>up: linear interpolation between neighbouring input samples (carrying the last sample of the
 *       previous block, so frame boundaries join without a click);</li>
 *   <li>down: the mean of each group of {@code ratio} input samples, a box filter whose first null sits at
 *       the output rate, which damps (without removing) what would alias.</li>
 * </ul>
 * It keeps one sample of state: use one instance per stream and direction.
 */
public final class Resampler {

    private final int ratio;
    private final boolean up;
    private short previous;

    public Resampler(int fromRate, int toRate) {
        int high = Math.max(fromRate, toRate);
        int low = Math.min(fromRate, toRate);
        if (high != 48_000 || (low != 8000 && low != 16_000 && low != 48_000)) {
            throw new IllegalArgumentException("supported: 8000/16000/48000 <-> 48000, got " + fromRate + " -> " + toRate);
        }
        this.ratio = high / low;
        this.up = toRate > fromRate;
    }

    public short[] process(short[] in) {
        if (ratio == 1) {
            return in.clone();
        }
        return up ? upsample(in) : downsample(in);
    }

    private short[] upsample(short[] in) {
        short[] out = new short[in.length * ratio];
        for (int i = 0; i < in.length; i++) {
            int from = previous;
            int to = in[i];
            for (int k = 1; k <= ratio; k++) { // ends exactly on the input sample: delay of ratio-1 output samples
                out[i * ratio + k - 1] = (short) (from + (to - from) * k / ratio);
            }
            previous = in[i];
        }
        return out;
    }

    private short[] downsample(short[] in) {
        if (in.length % ratio != 0) {
            throw new IllegalArgumentException(in.length + " samples is not a multiple of " + ratio);
        }
        short[] out = new short[in.length / ratio];
        for (int i = 0; i < out.length; i++) {
            int sum = 0;
            for (int k = 0; k < ratio; k++) {
                sum += in[i * ratio + k];
            }
            out[i] = (short) Math.round((double) sum / ratio);
        }
        return out;
    }
}
