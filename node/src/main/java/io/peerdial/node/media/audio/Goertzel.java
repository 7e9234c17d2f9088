package io.peerdial.node.media.audio;

import java.util.OptionalDouble;

/**
 * Tone detection with the Goertzel algorithm: the power of one frequency component, as a share of the
 * block's total energy. For a pure sine exactly at the target that share is 1; for white noise it is
 * about 2/N; silence has none. The generalised form (a non-integer bin) measures the exact frequency
 * asked for. Frequency resolution is about {@code rate / N}: use blocks of 50 ms or more to tell 440 Hz
 * from 350 Hz.
 */
public final class Goertzel {

    /** Share of the energy a tone must hold to count as present. */
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** Mean square below which a block is silence (about -60 dBFS). */
    public static final double SILENCE_MEAN_SQUARE = 1_000.0;

    private Goertzel() {
    }

    /** Share (0..~1) of the block's energy at {@code hz}; 0 for an empty or silent block. */
    public static double relativePower(short[] samples, int rate, double hz) {
        if (rate <= 0 || !(hz > 0 && hz < rate / 2.0)) {
            throw new IllegalArgumentException("need 0 < hz < rate/2: " + hz + " at " + rate);
        }
        int n = samples.length;
        if (n == 0) {
            return 0;
        }
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (short sample : samples) {
            double s0 = sample + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
            energy += (double) sample * sample;
        }
        if (energy / n < SILENCE_MEAN_SQUARE) {
            return 0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2; // |X(hz)|²
        return Math.min(1.0, 2 * power / (n * energy));          // a sine of amplitude A: |X|² ≈ (AN/2)², energy ≈ A²N/2
    }

    /** True if {@code hz} holds at least half of the block's energy and the block is not silent. */
    public static boolean detect(short[] samples, int rate, double hz) {
        return relativePower(samples, rate, hz) >= DEFAULT_THRESHOLD;
    }

    /** The candidate frequency that holds the most energy, if it passes {@link #detect}; empty otherwise. */
    public static OptionalDouble dominant(short[] samples, int rate, double... candidates) {
        double best = Double.NaN;
        double bestPower = -1;
        for (double hz : candidates) {
            double power = relativePower(samples, rate, hz);
            if (power > bestPower) {
                bestPower = power;
                best = hz;
            }
        }
        return bestPower >= DEFAULT_THRESHOLD ? OptionalDouble.of(best) : OptionalDouble.empty();
    }
}
