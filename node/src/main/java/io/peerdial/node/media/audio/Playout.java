package io.peerdial.node.media.audio;

/**
 * What {@link JitterBuffer#poll(long)} says to play in one 20 ms slot.
 *
 * @param kind         {@link Kind#FRAME}: decode {@code payload}; {@link Kind#CONCEAL}: a frame is missing,
 *                     run the codec's {@link AudioCodec#conceal()}; {@link Kind#SILENCE}: nothing to play
 *                     (before the first packet, between talk spurts, while re-buffering)
 * @param sequence     RTP sequence number of the frame, -1 unless {@code FRAME}
 * @param rtpTimestamp RTP timestamp of the slot (32-bit), -1 for {@code SILENCE}
 * @param payload      the frame's payload, {@code null} unless {@code FRAME}
 */
public record Playout(Kind kind, int sequence, long rtpTimestamp, byte[] payload) {

    public enum Kind { FRAME, CONCEAL, SILENCE }

    private static final Playout SILENCE = new Playout(Kind.SILENCE, -1, -1, null);

    static Playout frame(int sequence, long rtpTimestamp, byte[] payload) {
        return new Playout(Kind.FRAME, sequence, rtpTimestamp & 0xFFFF_FFFFL, payload);
    }

    static Playout conceal(long rtpTimestamp) {
        return new Playout(Kind.CONCEAL, -1, rtpTimestamp & 0xFFFF_FFFFL, null);
    }

    static Playout silence() {
        return SILENCE;
    }
}
