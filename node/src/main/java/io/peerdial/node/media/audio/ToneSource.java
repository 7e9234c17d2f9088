package io.peerdial.node.media.audio;

/**
 * A sine tone as 16-bit mono PCM, frame after frame with continuous phase. The phase comes from a
 * sample counter rather than an accumulated increment, so it does not drift over a long call.
 */
public final class ToneSource {

    private final double hz;
    private final double amplitude;
    private final int sampleRate;
    private long sample;

    /**
     * @param hz         frequency, above 0 and below half the sample rate
     * @param amplitude  peak level 0..1 of full scale
     * @param sampleRate 8000, 16000 or 48000
     */
    public ToneSource(double hz, double amplitude, int sampleRate) {
        if (sampleRate != 8000 && sampleRate != 16000 && sampleRate != 48000) {
            throw new IllegalArgumentException("sample rate 8000, 16000 or 48000, got " + sampleRate);
        }
        if (!(hz > 0 && hz < sampleRate / 2.0) || !(amplitude >= 0 && amplitude <= 1)) {
            throw new IllegalArgumentException("need 0 < hz < rate/2 and 0 <= amplitude <= 1: " + hz + ", " + amplitude);
        }
        this.hz = hz;
        this.amplitude = amplitude;
        this.sampleRate = sampleRate;
    }

    /** The next {@code count} samples. */
    public short[] next(int count) {
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            double cycles = hz * sample / sampleRate;
            double phase = 2 * Math.PI * (cycles - Math.floor(cycles)); // keep the sine's argument small
            out[i] = (short) Math.round(amplitude * Short.MAX_VALUE * Math.sin(phase));
            sample++;
        }
        return out;
    }

    /** The next 20 ms frame. */
    public short[] nextFrame() {
        return next(sampleRate * AudioCodec.FRAME_MS / 1000);
    }

    public int sampleRate() {
        return sampleRate;
    }
}
