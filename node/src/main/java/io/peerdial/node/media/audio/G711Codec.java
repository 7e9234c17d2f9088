package io.peerdial.node.media.audio;

/**
 * What {@link Pcmu} and {@link Pcma} share: 8 kHz mono, one byte per sample (RFC 3551 §4.5.14), and a
 * simple concealment that repeats the last good frame at half the level each time and falls silent
 * after {@link #CONCEAL_FRAMES} lost frames (a buzz is worse than a gap).
 */
abstract sealed class G711Codec implements AudioCodec permits Pcmu, Pcma {

    /** Longest payload accepted: 200 ms (1600 samples), far above any sane packetisation. */
    static final int MAX_PAYLOAD = 1600;
    static final int CONCEAL_FRAMES = 3;
    private static final int SAMPLES = 160;

    private final int payloadType;
    private short[] lastFrame = new short[SAMPLES];
    private int concealedInRow;

    G711Codec(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of 0..127: " + payloadType);
        }
        this.payloadType = payloadType;
    }

    abstract byte compress(short sample);

    abstract short expand(byte code);

    @Override
    public final int payloadType() {
        return payloadType;
    }

    @Override
    public final int clockRate() {
        return 8000;
    }

    @Override
    public final int sampleRate() {
        return 8000;
    }

    @Override
    public final int channels() {
        return 1;
    }

    @Override
    public final byte[] encode(short[] pcm) {
        if (pcm.length != SAMPLES) {
            throw new IllegalArgumentException("a 20 ms G.711 frame has 160 samples, got " + pcm.length);
        }
        byte[] out = new byte[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            out[i] = compress(pcm[i]);
        }
        return out;
    }

    /** Any length from 1 to {@link #MAX_PAYLOAD} bytes decodes, one sample per byte. */
    @Override
    public final short[] decode(byte[] payload) throws AudioDecodeException {
        if (payload.length == 0) {
            throw new AudioDecodeException(AudioDecodeException.Reason.EMPTY, "empty G.711 payload");
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new AudioDecodeException(AudioDecodeException.Reason.TOO_LONG, payload.length + " bytes");
        }
        short[] out = new short[payload.length];
        for (int i = 0; i < payload.length; i++) {
            out[i] = expand(payload[i]);
        }
        lastFrame = out;
        concealedInRow = 0;
        return out;
    }

    @Override
    public final short[] conceal() {
        short[] out = new short[SAMPLES];
        concealedInRow++;
        if (concealedInRow <= CONCEAL_FRAMES) {
            int shift = concealedInRow; // half, quarter, eighth of the last good frame
            for (int i = 0; i < SAMPLES; i++) {
                out[i] = (short) (lastFrame[i % lastFrame.length] >> shift);
            }
        }
        return out;
    }
}
