package io.peerdial.node.media.net;

import io.peerdial.node.media.audio.WavFile;
import io.peerdial.node.media.audio.WavFormatException;
import io.peerdial.node.media.call.AudioCallCore;
import io.peerdial.node.media.call.AudioSink;
import io.peerdial.node.media.call.AudioSource;
import io.peerdial.node.phone.CallMedia;
import io.peerdial.node.phone.MediaEngine;
import io.peerdial.node.phone.MediaOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The softphone's media: plain RTP/RTCP on UDP toward the node that anchors the call, one
 * {@link RtpAudioLeg} (socket pair and thread) per call.
 *
 * <p>{@link MediaOptions#play()}: {@code tone:HZ} sends a sine, a path sends that WAV file (mono-mixed,
 * converted to the codec rate) <em>looped</em> for as long as the call lasts. {@link MediaOptions#record()}:
 * the played-out audio (concealment and silence included, so it lasts as long as the call) is written on
 * close as a mono 16-bit WAV at the codec's rate (8 kHz for PCMU/PCMA, 48 kHz for Opus). Without
 * {@code play} the microphone is used and without {@code record} the loudspeaker, when
 * {@code javax.sound.sampled} has such lines; otherwise silence is sent and received audio discarded
 * (logged once at INFO).
 */
public final class RtpAudioEngine implements MediaEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RtpAudioEngine.class);

    private final boolean useSoundDevices;
    private final AtomicBoolean noDeviceLogged = new AtomicBoolean();

    /** With the machine's sound devices for calls without {@code play}/{@code record}. */
    public RtpAudioEngine() {
        this(true);
    }

    /** @param useSoundDevices false: never touch sound devices (silence and discard instead); for tests and servers */
    public RtpAudioEngine(boolean useSoundDevices) {
        this.useSoundDevices = useSoundDevices;
    }

    @Override
    public CallMedia open(InetAddress localAddress, MediaOptions options) throws IOException {
        List<AutoCloseable> devices = new ArrayList<>();
        AudioSource source = options.play() != null ? source(options.play()) : null;
        AudioSink sink = options.record() != null ? AudioSink.DISCARD : null;
        if (source == null && useSoundDevices) {
            Optional<SoundDevices.Capture> capture = SoundDevices.capture();
            capture.ifPresent(devices::add);
            source = capture.orElse(null);
        }
        if (sink == null && useSoundDevices) {
            Optional<SoundDevices.Playback> playback = SoundDevices.playback();
            playback.ifPresent(devices::add);
            sink = playback.orElse(null);
        }
        if ((source == null || sink == null) && useSoundDevices && noDeviceLogged.compareAndSet(false, true)) {
            LOG.info("no sound {}: sending silence / discarding received audio",
                    source == null && sink == null ? "devices" : source == null ? "capture device" : "playback device");
        }
        AudioCallCore.Config config = new AudioCallCore.Config(source != null ? source : AudioSource.silence(),
                options.record() != null, sink != null ? sink : AudioSink.DISCARD,
                "phone@" + localAddress.getHostAddress(), RtpAudioLeg.wallClockOffset());
        try {
            return new RtpAudioLeg(localAddress, config, options.record(), devices);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable device : devices) {
                try {
                    device.close();
                } catch (Exception ignored) {
                    // closing a sound line we just opened; nothing else to do
                }
            }
            throw e;
        }
    }

    /** {@code tone:HZ} or a WAV file path. */
    static AudioSource source(String play) throws IOException {
        if (play.toLowerCase(Locale.ROOT).startsWith("tone:")) {
            double hz;
            try {
                hz = Double.parseDouble(play.substring("tone:".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("tone:HZ expected, got " + play);
            }
            if (!(hz > 0 && hz < 4000)) {
                throw new IllegalArgumentException("tone frequency must be in (0, 4000) Hz: " + play);
            }
            return AudioSource.tone(hz);
        }
        try (InputStream in = Files.newInputStream(Path.of(play))) {
            return AudioSource.wav(WavFile.read(in), true);
        } catch (WavFormatException e) {
            throw new IOException("cannot play " + play + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "rtp";
    }
}
