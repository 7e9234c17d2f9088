package io.peerdial.node.media.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.peerdial.node.media.sdp.Format;
import io.peerdial.node.media.sdp.MediaDirection;
import io.peerdial.node.media.sdp.Negotiated;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Every datagram on the media port is peer input: {@link AudioCallCore#handleDatagram} never throws, and
 * the ticks after it still run (the jitter buffer, codec and DTMF receiver got whatever passed validation).
 */
class AudioCallCoreFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void handleDatagramNeverThrows(byte[] input) {
        for (Format codec : List.of(new Format(0, "PCMU", 8000, 1), new Format(111, "opus", 48000, 2))) {
            AudioCallCore core = new AudioCallCore(new AudioCallCore.Config(AudioSource.silence(), true, "f@test", 0),
                    new SplittableRandom(5));
            core.start(0, new Negotiated("127.0.0.1", 4000, codec, 101, MediaDirection.SENDRECV, false, true, 20, List.of()));
            // the input split at 0xFF 0xFF markers: several datagrams, 20 ms apart
            long now = 0;
            int from = 0;
            for (int i = 0; i <= input.length; i++) {
                if (i == input.length || (i + 1 < input.length && input[i] == (byte) 0xFF && input[i + 1] == (byte) 0xFF)) {
                    core.handleDatagram(now, Arrays.copyOfRange(input, from, i));
                    now += 20;
                    core.handleTimeout(now);
                    while (core.pollTransmit().isPresent()) {
                        // drained
                    }
                    from = Math.min(i + 2, input.length);
                    i++;
                }
            }
            CallStats stats = core.stats();
            assertThat(stats.packetsReceived() + stats.badDatagrams()).isLessThanOrEqualTo(input.length + 1L);
            assertThat(stats.digits().length()).isLessThanOrEqualTo((int) stats.packetsReceived());
        }
    }
}
