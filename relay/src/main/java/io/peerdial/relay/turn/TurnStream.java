package io.peerdial.relay.turn;

import java.util.Objects;

/**
 * TURN over a byte stream (TCP, RFC 8656 §3.1): messages follow each other with no delimiter, so each
 * one's end comes from its own length field. Shared by the relay's TCP clients and the node's TURN tap.
 */
public final class TurnStream {
    public static final int STUN_HEADER = 20;
    /** The longest frame either kind can have: a STUN header plus a 16-bit length. */
    public static final int MAX_FRAME = STUN_HEADER + 0xFFFF;
    /** {@link #frameLength}: fewer than 4 bytes yet, the kind and length are not known. */
    public static final int NEED_MORE = -1;
    /** {@link #frameLength}: the first byte starts neither STUN nor ChannelData; the stream lost its framing. */
    public static final int NOT_TURN = -2;

    private TurnStream() {}

    /**
     * The bytes the frame at {@code b[offset]} takes: a STUN message is its header plus the header's
     * length (RFC 8489 §6.2.2), ChannelData its header plus the payload padded to 4 (RFC 8656 §12.5);
     * {@link #NEED_MORE} or {@link #NOT_TURN} otherwise (RFC 7983 §7 tells the kinds apart).
     */
    public static int frameLength(byte[] b, int offset, int available) {
        Objects.checkFromIndexSize(offset, available, b.length);
        if (available < ChannelData.HEADER_LENGTH) return NEED_MORE;
        return switch (b[offset] & 0xC0) {
            case 0x00 -> STUN_HEADER + TurnValues.readShort(b, offset + 2);
            case 0x40 -> ChannelData.streamFrameLength(b, offset, available);
            default -> NOT_TURN;
        };
    }
}
