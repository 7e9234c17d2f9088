package io.peerdial.node.media.audio;

import java.util.Arrays;

/**
 * Whether a recording carries a tone: the check the demo and {@code peerdial tone} apply to what a
 * phone heard. A 200 ms window counts when the tone is the dominant one among itself and two
 * neighbours well apart from it (0.75 and 1.5 times its frequency) and {@link Goertzel#detect} finds it;
 * the tone is present when at least {@link #MIN_WINDOWS} windows (0.6 s) count.
 */
public final class ToneCheck {

    /** Windows that must carry the tone for {@link #present}. */
    public static final int MIN_WINDOWS = 3;

    private ToneCheck() {}

    /** 200 ms windows of {@code audio} (mono) that carry {@code hz}, and how many windows there were. */
    public record Result(double hz, int windows, int windowsWithTone) {
        public boolean present() {
            return windowsWithTone >= MIN_WINDOWS;
        }
    }

    /** Counts the windows of {@code audio} (mixed to mono first) that carry {@code hz}. */
    public static Result scan(WavAudio audio, double hz) {
        if (!(hz > 0) || hz >= audio.sampleRate() / 2.0) {
            throw new IllegalArgumentException("tone " + hz + " Hz: needs 0 < hz < " + audio.sampleRate() / 2 + " (Nyquist) at this rate");
        }
        WavAudio mono = audio.toMono();
        int window = mono.sampleRate() / 5;
        double[] candidates = {hz * 0.75, hz, hz * 1.5};
        int windows = 0;
        int hits = 0;
        for (int start = 0; start + window <= mono.samples().length; start += window) {
            short[] w = Arrays.copyOfRange(mono.samples(), start, start + window);
            windows++;
            var dominant = Goertzel.dominant(w, mono.sampleRate(), candidates);
            if (dominant.isPresent() && dominant.getAsDouble() == hz && Goertzel.detect(w, mono.sampleRate(), hz)) {
                hits++;
            }
        }
        return new Result(hz, windows, hits);
    }

    /** {@code true} if at least {@link #MIN_WINDOWS} windows of {@code audio} carry {@code hz}. */
    public static boolean present(WavAudio audio, double hz) {
        return scan(audio, hz).present();
    }
}
