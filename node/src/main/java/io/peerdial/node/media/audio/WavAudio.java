package io.peerdial.node.media.audio;

import java.util.Arrays;

/**
 * 16-bit linear PCM with its format: what {@link WavFile} reads and writes.
 *
 * @param sampleRate 8000, 16000 or 48000
 * @param channels   1 or 2
 * @param samples    interleaved samples (L R L R … for stereo)
 */
public record WavAudio(int sampleRate, int channels, short[] samples) {

    public WavAudio {
        if (sampleRate != 8000 && sampleRate != 16000 && sampleRate != 48000) {
            throw new IllegalArgumentException("sample rate 8000, 16000 or 48000, got " + sampleRate);
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("mono or stereo, got " + channels + " channels");
        }
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException("samples do not fill whole frames");
        }
    }

    /** Sample frames (one sample per channel each). */
    public int frames() {
        return samples.length / channels;
    }

    /** The same audio as mono (stereo channels averaged). */
    public WavAudio toMono() {
        if (channels == 1) {
            return this;
        }
        short[] mono = new short[frames()];
        for (int i = 0; i < mono.length; i++) {
            mono[i] = (short) ((samples[2 * i] + samples[2 * i + 1]) / 2);
        }
        return new WavAudio(sampleRate, 1, mono);
    }

    /** Same format and samples (records compare arrays by reference, this by content). */
    public boolean sameAs(WavAudio other) {
        return sampleRate == other.sampleRate && channels == other.channels && Arrays.equals(samples, other.samples);
    }

    @Override
    public String toString() {
        return "WavAudio[" + sampleRate + " Hz, " + channels + " ch, " + frames() + " frames]";
    }
}
