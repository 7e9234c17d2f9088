package io.peerdial.node.media.net;

import io.peerdial.node.media.audio.Resampler;
import io.peerdial.node.media.call.AudioSink;
import io.peerdial.node.media.call.AudioSource;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * The machine's microphone and loudspeaker through {@code javax.sound.sampled}, at 48 kHz mono 16-bit,
 * resampled to and from the codec rate. Neither side ever blocks the media timer: capture yields silence
 * while the line has less than a frame buffered, playback drops a frame the line has no room for.
 * Headless machines have no lines: {@link #capture()} and {@link #playback()} are then empty.
 */
final class SoundDevices {

    private static final int RATE = 48_000;
    private static final AudioFormat FORMAT = new AudioFormat(RATE, 16, 1, true, false);

    private SoundDevices() {
    }

    static Optional<Capture> capture() {
        try {
            TargetDataLine line = AudioSystem.getTargetDataLine(FORMAT);
            line.open(FORMAT, RATE / 5 * 2); // 200 ms of buffer
            line.start();
            return Optional.of(new Capture(line));
        } catch (Exception | LinkageError e) { // no mixer, no line, headless: silence instead
            return Optional.empty();
        }
    }

    static Optional<Playback> playback() {
        try {
            SourceDataLine line = AudioSystem.getSourceDataLine(FORMAT);
            line.open(FORMAT, RATE / 5 * 2);
            line.start();
            return Optional.of(new Playback(line));
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
    }

    static final class Capture implements AudioSource, AutoCloseable {
        private final TargetDataLine line;
        private Resampler resampler;
        private int resamplerRate;

        Capture(TargetDataLine line) {
            this.line = line;
        }

        @Override
        public short[] next(int sampleRate, int samples) {
            int needed = samples * (RATE / sampleRate);
            if (line.available() < needed * 2) {
                return new short[samples];
            }
            byte[] bytes = new byte[needed * 2];
            line.read(bytes, 0, bytes.length);
            short[] pcm = new short[needed];
            for (int i = 0; i < needed; i++) {
                pcm[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
            }
            if (sampleRate == RATE) {
                return pcm;
            }
            if (resampler == null || resamplerRate != sampleRate) {
                resampler = new Resampler(RATE, sampleRate);
                resamplerRate = sampleRate;
            }
            return resampler.process(pcm);
        }

        @Override
        public void close() {
            line.close();
        }
    }

    static final class Playback implements AudioSink, AutoCloseable {
        private final SourceDataLine line;
        private Resampler resampler;
        private int resamplerRate;

        Playback(SourceDataLine line) {
            this.line = line;
        }

        @Override
        public void play(int sampleRate, short[] pcm) {
            short[] at48 = pcm;
            if (sampleRate != RATE) {
                if (resampler == null || resamplerRate != sampleRate) {
                    resampler = new Resampler(sampleRate, RATE);
                    resamplerRate = sampleRate;
                }
                at48 = resampler.process(pcm);
            }
            byte[] bytes = new byte[at48.length * 2];
            for (int i = 0; i < at48.length; i++) {
                bytes[2 * i] = (byte) at48[i];
                bytes[2 * i + 1] = (byte) (at48[i] >> 8);
            }
            if (line.available() >= bytes.length) {
                line.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void close() {
            line.close();
        }
    }
}
