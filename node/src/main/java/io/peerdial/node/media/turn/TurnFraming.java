package io.peerdial.node.media.turn;

import io.peerdial.node.media.turn.TapParseException.Reason;
import io.peerdial.relay.turn.TurnStream;
import java.util.Objects;

/**
 * Where TURN frames begin and end on the client↔server leg. Over UDP a datagram is one frame; over
 * TCP (RFC 8656 §3.1) the frames follow each other in one byte stream and are found by their length
 * fields: a STUN message is its 20-byte header plus the header's length (RFC 8489 §6.2.2), a
 * ChannelData message is its 4-byte header plus the payload padded to a multiple of 4 (RFC 8656
 * §12.5). Over UDP the ChannelData padding may be left out (§12.5), so converting between the two
 * forms means adding or stripping it. Stateless; all methods check lengths and never read outside
 * the given range.
 */
public final class TurnFraming {
    public static final int STUN_HEADER = TurnStream.STUN_HEADER;
    public static final int CHANNEL_DATA_HEADER = 4;
    static final int MAGIC_COOKIE = 0x2112A442;
    /** The longest frame either kind can have: a STUN header plus a 16-bit length. */
    public static final int MAX_FRAME = TurnStream.MAX_FRAME;

    private TurnFraming() {}

    /** RFC 7983 §7: first byte 0-3 (bits 00) is STUN. */
    public static boolean isStun(byte first) {
        return (first & 0xC0) == 0;
    }

    /** RFC 7983 §7 / RFC 8656 §12.4: first bits 01 is ChannelData. */
    public static boolean isChannelData(byte first) {
        return (first & 0xC0) == 0x40;
    }

    /**
     * The length of the frame that starts at {@code b[offset]} in a TCP stream, ChannelData padding
     * included, or -1 while fewer than 4 bytes are there to tell. A first byte that starts neither
     * kind, or a STUN length that is not a multiple of 4, means the stream has lost its framing
     * (there is no way to find the next frame): the connection must be closed.
     */
    public static int streamFrameLength(byte[] b, int offset, int available) throws TapParseException {
        int length = TurnStream.frameLength(b, offset, available);
        if (length == TurnStream.NOT_TURN) {
            throw new TapParseException(Reason.NOT_TURN, String.format("first byte 0x%02X", b[offset] & 0xFF));
        }
        if (length >= 0 && isStun(b[offset]) && length % 4 != 0) { // RFC 8489 §5: the message length is a multiple of 4
            throw new TapParseException(Reason.BAD_STUN, "STUN length " + (length - STUN_HEADER) + " is not a multiple of 4");
        }
        return length;
    }

    /**
     * The datagram a whole stream frame becomes over UDP: a STUN message unchanged, a ChannelData
     * message without its padding (RFC 8656 §12.5 lets UDP omit it; ice4j does).
     */
    public static int datagramLength(byte[] b, int offset, int frameLength) {
        Objects.checkFromIndexSize(offset, frameLength, b.length);
        if (frameLength >= CHANNEL_DATA_HEADER && isChannelData(b[offset])) {
            return Math.min(frameLength, CHANNEL_DATA_HEADER + readShort(b, offset + 2));
        }
        return frameLength;
    }

    /**
     * The length a UDP datagram takes as a TCP frame: a STUN message must fill the datagram exactly,
     * a ChannelData message is cut to its length field and padded with zeros to 4 (the caller writes
     * the padding). A datagram that does not fit its own length fields is refused: written into the
     * stream it would break the framing of everything after it.
     */
    public static int streamLengthOfDatagram(byte[] b, int offset, int length) throws TapParseException {
        Objects.checkFromIndexSize(offset, length, b.length);
        if (length < 4) {
            throw new TapParseException(Reason.TRUNCATED, length + " bytes");
        }
        int field = readShort(b, offset + 2);
        if (isStun(b[offset])) {
            if (length < STUN_HEADER || field % 4 != 0 || field != length - STUN_HEADER) {
                throw new TapParseException(Reason.BAD_STUN, "STUN length " + field + " in a datagram of " + length);
            }
            return length;
        }
        if (isChannelData(b[offset])) {
            if (field > length - CHANNEL_DATA_HEADER) { // RFC 8656 §12.5: a length past the datagram is invalid
                throw new TapParseException(Reason.TRUNCATED, "ChannelData length " + field + " in a datagram of " + length);
            }
            return CHANNEL_DATA_HEADER + padded(field);
        }
        throw new TapParseException(Reason.NOT_TURN, String.format("first byte 0x%02X", b[offset] & 0xFF));
    }

    static int padded(int length) {
        return (length + 3) & ~3;
    }

    static int readShort(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static int readInt(byte[] b, int at) {
        return (readShort(b, at) << 16) | readShort(b, at + 2);
    }
}
