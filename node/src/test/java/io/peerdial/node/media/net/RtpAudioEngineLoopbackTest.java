package io.peerdial.node.media.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.node.media.audio.Goertzel;
import io.peerdial.node.media.audio.WavAudio;
import io.peerdial.node.media.audio.WavFile;
import io.peerdial.node.media.sdp.Format;
import io.peerdial.node.media.sdp.MediaDirection;
import io.peerdial.node.media.sdp.Negotiated;
import io.peerdial.node.phone.CallMedia;
import io.peerdial.node.phone.MediaOptions;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real legs on 127.0.0.1 sending RTP to each other: tone and DTMF from A, recorded at B. */
class RtpAudioEngineLoopbackTest {

    static final Format PCMU = new Format(0, "PCMU", 8000, 1);
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    @Test
    void toneAndDigitsCrossTheLoopback() throws Exception {
        Path wav = dir.resolve("b.wav");
        try (RtpAudioEngine engine = new RtpAudioEngine(false)) {
            CallMedia a = engine.open(LOOPBACK, new MediaOptions("tone:440", null));
            CallMedia b = engine.open(LOOPBACK, new MediaOptions(null, wav));
            assertThat(a.localPort() % 2).isZero();
            try {
                a.start(agreed(b.localPort(), false));
                b.start(agreed(a.localPort(), true));
                awaitTrue(() -> b.stats().packetsReceived() >= 10, 5_000);
                assertThat(a.sendDtmf("1234#")).isTrue();
                awaitTrue(() -> b.receivedDigits().equals("1234#"), 10_000);
                long received = b.stats().packetsReceived();
                awaitTrue(() -> b.stats().packetsReceived() >= received + 40, 5_000); // 800 ms of audio after the digits
                assertThat(b.stats().packetsLost()).isZero();
            } finally {
                b.close();
                a.close();
            }
            assertThat(b.receivedDigits()).isEqualTo("1234#");
            assertThat(a.receivedDigits()).isEmpty();
            assertThat(b.stats().packetsSent()).isPositive(); // B sent silence toward A
        }
        WavAudio recording;
        try (InputStream in = Files.newInputStream(wav)) {
            recording = WavFile.read(in);
        }
        assertThat(recording.sampleRate()).isEqualTo(8000);
        assertThat(recording.frames()).isGreaterThan(8000); // over a second of audio
        short[] samples = recording.samples();
        short[] tail = Arrays.copyOfRange(samples, samples.length - 4000, samples.length);
        assertThat(Goertzel.dominant(tail, 8000, 350, 440, 1000)).hasValue(440.0);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("rtp-") && t.isAlive());
    }

    @Test
    void badPlaySpecificationsAreRefused() {
        RtpAudioEngine engine = new RtpAudioEngine(false);
        assertThat(engine.describe()).isEqualTo("rtp");
        assertThatThrownBy(() -> engine.open(LOOPBACK, new MediaOptions("tone:abc", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.open(LOOPBACK, new MediaOptions(dir.resolve("missing.wav").toString(), null)))
                .isInstanceOf(java.io.IOException.class);
    }

    static Negotiated agreed(int remotePort, boolean mux) {
        return new Negotiated("127.0.0.1", remotePort, PCMU, 101, MediaDirection.SENDRECV, false, mux, 20, List.of());
    }

    /** Polls a condition until it holds or the time is up (real sockets: there is no virtual clock here). */
    static void awaitTrue(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeoutMillis + " ms");
            }
            Thread.sleep(20);
        }
    }
}
