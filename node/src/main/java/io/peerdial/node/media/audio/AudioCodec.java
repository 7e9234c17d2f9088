package io.peerdial.node.media.audio;

/**
 * One direction-agnostic audio codec instance for one RTP stream, working on 20 ms frames of 16-bit
 * linear PCM. Instances may keep state (Opus does: its decoder predicts from the past), so use one
 * instance per stream and direction; {@link Codecs} creates fresh ones.
 */
public interface AudioCodec {

    /** Frame length every codec here uses (RFC 3551 §4.2: 20 ms is the default packetisation). */
    int FRAME_MS = 20;

    /** The SDP encoding name (RFC 4566 rtpmap), e.g. {@code PCMU}, {@code opus}. */
    String name();

    /** The RTP payload type this instance was created for. */
    int payloadType();

    /** The RTP timestamp clock rate in Hz (RFC 3551 §4.5; 48000 for Opus per RFC 7587 §4.1). */
    int clockRate();

    /** Channels of the PCM this codec takes and gives. */
    int channels();

    /** Sample rate of the PCM this codec takes and gives, in Hz. */
    int sampleRate();

    /** Samples in one 20 ms frame (per channel): {@code sampleRate() * 20 / 1000}. */
    default int frameSamples() {
        return sampleRate() * FRAME_MS / 1000;
    }

    /** RTP timestamp units one 20 ms frame advances (RFC 3550 §5.1). */
    default int frameTicks() {
        return clockRate() * FRAME_MS / 1000;
    }

    /**
     * Encodes exactly one frame.
     *
     * @throws IllegalArgumentException if {@code pcm.length != frameSamples() * channels()}
     */
    byte[] encode(short[] pcm);

    /**
     * Decodes one received payload (peer input).
     *
     * @throws AudioDecodeException if the payload is empty, too long or malformed
     */
    short[] decode(byte[] payload) throws AudioDecodeException;

    /** A replacement frame for one lost packet (packet loss concealment), one frame long. */
    short[] conceal();
}
