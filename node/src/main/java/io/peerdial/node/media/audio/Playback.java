package io.peerdial.node.media.audio;

/**
 * The receive side of one audio stream: a {@link JitterBuffer} feeding an {@link AudioCodec}. Every
 * playout tick yields one frame of PCM: decoded audio, the codec's concealment for a missing or
 * undecodable frame, or silence between talk spurts.
 */
public final class Playback {

    private final AudioCodec codec;
    private final JitterBuffer buffer;
    private long decodeErrors;

    public Playback(AudioCodec codec) {
        this(codec, new JitterBuffer(codec.clockRate()));
    }

    public Playback(AudioCodec codec, JitterBuffer buffer) {
        this.codec = codec;
        this.buffer = buffer;
    }

    /** A received RTP packet of this stream's payload type. */
    public void insert(long now, int sequence, long rtpTimestamp, boolean marker, byte[] payload) {
        buffer.insert(now, sequence, rtpTimestamp, marker, payload);
    }

    /** The PCM for the playout tick at {@code now}: {@code codec.frameSamples()} samples, or more when a peer packs longer frames. */
    public short[] poll(long now) {
        Playout playout = buffer.poll(now);
        switch (playout.kind()) {
            case FRAME:
                try {
                    return codec.decode(playout.payload());
                } catch (AudioDecodeException e) {
                    decodeErrors++; // counted, then treated like a lost packet
                    return codec.conceal();
                }
            case CONCEAL:
                return codec.conceal();
            default:
                return new short[codec.frameSamples() * codec.channels()];
        }
    }

    public JitterStats stats() {
        return buffer.stats();
    }

    /** Payloads the codec refused (played as concealment). */
    public long decodeErrors() {
        return decodeErrors;
    }

    public AudioCodec codec() {
        return codec;
    }
}
