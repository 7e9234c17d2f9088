package io.peerdial.node.media.audio;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;
import java.util.Arrays;

/**
 * Opus (RFC 6716) through Concentus, a pure-Java port of libopus: 48 kHz mono PCM, 20 ms frames.
 * RTP rules from RFC 7587: the RTP clock is always 48000 (§4.1) and the SDP names the codec
 * {@code opus/48000/2} whatever is actually encoded (§7); the payload type is dynamic.
 * Loss concealment runs the decoder's own loss path (a decode with no data, RFC 6716 §4.4).
 */
public final class OpusCodec implements AudioCodec {

    public static final String NAME = "opus";
    public static final int SAMPLE_RATE = 48_000;
    public static final int DEFAULT_BITRATE = 32_000;
    /** RFC 6716 §3.4 [R2]: no frame is longer than 1275 bytes; we accept up to three such frames per packet. */
    static final int MAX_PAYLOAD = 1275 * 3;
    /** RFC 6716 §3.2.5: a packet never holds more than 120 ms of audio. */
    private static final int MAX_DECODED = SAMPLE_RATE * 120 / 1000;
    private static final int FRAME = SAMPLE_RATE * FRAME_MS / 1000;

    private final int payloadType;
    private final io.github.jaredmdobson.concentus.OpusEncoder encoder;
    private OpusDecoder decoder;
    private final byte[] packet = new byte[1275];
    private final short[] decoded = new short[MAX_DECODED];

    public OpusCodec(int payloadType) {
        this(payloadType, DEFAULT_BITRATE);
    }

    public OpusCodec(int payloadType, int bitrate) {
        if (payloadType < 96 || payloadType > 127) {
            throw new IllegalArgumentException("Opus needs a dynamic payload type 96..127 (RFC 7587 §7), got " + payloadType);
        }
        this.payloadType = payloadType;
        try {
            encoder = new io.github.jaredmdobson.concentus.OpusEncoder(SAMPLE_RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
            encoder.setBitrate(bitrate);
            encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
            encoder.setComplexity(5); // half of the scale: a softphone on a small CPU
            decoder = new OpusDecoder(SAMPLE_RATE, 1);
        } catch (OpusException e) {
            throw new IllegalArgumentException("Opus refused the configuration: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int payloadType() {
        return payloadType;
    }

    @Override
    public int clockRate() {
        return SAMPLE_RATE; // RFC 7587 §4.1
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public byte[] encode(short[] pcm) {
        if (pcm.length != FRAME) {
            throw new IllegalArgumentException("a 20 ms Opus frame has 960 samples, got " + pcm.length);
        }
        try {
            int length = encoder.encode(pcm, 0, FRAME, packet, 0, packet.length);
            return Arrays.copyOf(packet, length);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encoder failed on a valid frame: " + e.getMessage(), e);
        }
    }

    /** Decodes one packet; its length in samples follows the packet (20 ms from our peers, up to 120 ms). */
    @Override
    public short[] decode(byte[] payload) throws AudioDecodeException {
        if (payload.length == 0) {
            throw new AudioDecodeException(AudioDecodeException.Reason.EMPTY, "empty Opus payload");
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new AudioDecodeException(AudioDecodeException.Reason.TOO_LONG, payload.length + " bytes");
        }
        try {
            int samples = decoder.decode(payload, 0, payload.length, decoded, 0, MAX_DECODED, false);
            return Arrays.copyOf(decoded, samples);
        } catch (OpusException e) {
            throw new AudioDecodeException(AudioDecodeException.Reason.MALFORMED, e.getMessage());
        } catch (RuntimeException e) {
            // Concentus is a line-by-line port of C; hostile bytes can reach an index check libopus
            // never needed. The decoder state is then suspect: start a fresh one.
            decoder = freshDecoder();
            throw new AudioDecodeException(AudioDecodeException.Reason.MALFORMED, "decoder fault: " + e);
        }
    }

    @Override
    public short[] conceal() {
        try {
            decoder.decode(null, 0, 0, decoded, 0, FRAME, false); // RFC 6716 §4.4: the loss path
            return Arrays.copyOf(decoded, FRAME);
        } catch (OpusException | RuntimeException e) {
            decoder = freshDecoder();
            return new short[FRAME];
        }
    }

    private static OpusDecoder freshDecoder() {
        try {
            return new OpusDecoder(SAMPLE_RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException(e);
        }
    }
}
