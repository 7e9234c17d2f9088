package io.peerdial.relay.turn;

import java.util.Arrays;
import java.util.Objects;

/**
 * A ChannelData message (RFC 8656 §12.4): channel number (16 bits), length (16 bits), then the
 * application data. Over UDP the datagram may carry padding after the data (§12.5: ignored); over
 * TCP each frame is padded to a multiple of 4 bytes (§12.5), see {@link #streamFrameLength}.
 *
 * <p>The record is for tests and slow paths. The forwarding hot path uses the static methods on
 * the receive buffer itself ({@link #validate}, {@link #writeHeader}) so that it never copies.
 */
public record ChannelData(int channelNumber, byte[] data) {
    public static final int HEADER_LENGTH = 4;

    public ChannelData {
        if (!ChannelNumber.isValid(channelNumber)) {
            throw new IllegalArgumentException(String.format("channel number 0x%04X outside 0x4000-0x7FFF", channelNumber));
        }
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("ChannelData payload longer than 65535 bytes");
        }
        data = data.clone();
    }

    /** RFC 7983 §7: a first byte of 64-79 (bits 01) is ChannelData. */
    public static boolean looksLikeChannelData(byte[] b, int offset, int length) {
        return length >= 1 && (b[offset] & 0xC0) == 0x40;
    }

    /**
     * Checks a ChannelData datagram in place and returns its payload length; the payload starts at
     * {@code offset + 4}. Extra bytes after the payload (padding) are allowed, as over UDP (§12.5).
     */
    public static int validate(byte[] b, int offset, int length, int maxPayload) throws ChannelDataException {
        Objects.checkFromIndexSize(offset, length, b.length);
        if (length < HEADER_LENGTH) {
            throw new ChannelDataException(ChannelDataException.Reason.TRUNCATED, length + " bytes, header needs 4");
        }
        int channel = TurnValues.readShort(b, offset);
        if ((channel & 0xC000) != 0x4000) {
            throw new ChannelDataException(ChannelDataException.Reason.NOT_CHANNEL_DATA, String.format("first bits of 0x%04X", channel));
        }
        int payload = TurnValues.readShort(b, offset + 2);
        if (payload > maxPayload) {
            throw new ChannelDataException(ChannelDataException.Reason.OVERSIZED, payload + " bytes > " + maxPayload);
        }
        if (payload > length - HEADER_LENGTH) { // RFC 8656 §12.5: a length past the datagram is discarded
            throw new ChannelDataException(ChannelDataException.Reason.TRUNCATED,
                    "length says " + payload + ", " + (length - HEADER_LENGTH) + " bytes follow");
        }
        return payload;
    }

    /** The channel number of a datagram already {@link #validate validated}. */
    public static int channelNumberOf(byte[] b, int offset) {
        return TurnValues.readShort(b, offset);
    }

    /** Writes the 4-byte header at {@code b[offset]}, in front of a payload of {@code payloadLength} bytes. */
    public static void writeHeader(byte[] b, int offset, int channelNumber, int payloadLength) {
        b[offset] = (byte) (channelNumber >>> 8);
        b[offset + 1] = (byte) channelNumber;
        b[offset + 2] = (byte) (payloadLength >>> 8);
        b[offset + 3] = (byte) payloadLength;
    }

    /**
     * Over a stream (TCP, RFC 8656 §12.5), the bytes one frame takes including padding to 4, or -1
     * when fewer than 4 bytes are available yet. The caller checks the header with {@link #validate}.
     */
    public static int streamFrameLength(byte[] b, int offset, int available) {
        if (available < HEADER_LENGTH) {
            return -1;
        }
        int payload = TurnValues.readShort(b, offset + 2);
        return HEADER_LENGTH + ((payload + 3) & ~3);
    }

    public static ChannelData decode(byte[] b, int offset, int length, int maxPayload) throws ChannelDataException {
        int payload = validate(b, offset, length, maxPayload);
        return new ChannelData(channelNumberOf(b, offset), Arrays.copyOfRange(b, offset + 4, offset + 4 + payload));
    }

    /** Encodes without padding (the UDP form); {@code padToFour} gives the TCP form (§12.5). */
    public byte[] encode(boolean padToFour) {
        int total = HEADER_LENGTH + (padToFour ? (data.length + 3) & ~3 : data.length);
        byte[] out = new byte[total];
        writeHeader(out, 0, channelNumber, data.length);
        System.arraycopy(data, 0, out, HEADER_LENGTH, data.length);
        return out;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelData c && channelNumber == c.channelNumber && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
        return 31 * channelNumber + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return String.format("ChannelData[0x%04X, %d bytes]", channelNumber, data.length);
    }
}
