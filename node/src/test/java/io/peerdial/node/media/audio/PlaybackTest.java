package io.peerdial.node.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Sender frames → jitter buffer → codec, with a lost and a corrupt packet on the way. */
class PlaybackTest {

    @Test
    void toneArrivesThroughLossAndCorruption() {
        for (AudioCodec[] pair : new AudioCodec[][] {{new Pcmu(), new Pcmu()}, {new OpusCodec(111), new OpusCodec(111)}}) {
            AudioCodec sender = pair[0];
            Playback playback = new Playback(pair[1]);
            ToneSource tone = new ToneSource(440, 0.4, sender.sampleRate());
            short[] heard = new short[0];
            for (int i = 0; i < 50; i++) {
                long now = i * 20L;
                byte[] payload = sender.encode(tone.nextFrame());
                if (i == 20) {
                    payload = new byte[0]; // refused by every codec: counted, concealed
                }
                if (i != 30) {             // lost
                    playback.insert(now, i, (long) i * sender.frameTicks(), i == 0, payload);
                }
                short[] pcm = playback.poll(now);
                assertThat(pcm).hasSize(sender.frameSamples());
                if (i >= 10) {
                    heard = concat(heard, pcm);
                }
            }
            assertThat(playback.decodeErrors()).as(sender.name()).isEqualTo(1);
            assertThat(playback.stats().concealed()).as(sender.name()).isEqualTo(1);
            assertThat(playback.stats().played()).as(sender.name()).isEqualTo(47);
            assertThat(Goertzel.dominant(heard, sender.sampleRate(), 350, 440, 1000)).as(sender.name()).hasValue(440);
        }
    }

    @Test
    void silenceBeforeTheFirstPacket() {
        Playback playback = new Playback(new Pcmu());
        short[] pcm = playback.poll(0);
        assertThat(pcm).hasSize(160);
        assertThat(Arrays.stream(toInts(pcm)).allMatch(s -> s == 0)).isTrue();
    }

    private static int[] toInts(short[] s) {
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i];
        }
        return out;
    }

    private static short[] concat(short[] a, short[] b) {
        short[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
