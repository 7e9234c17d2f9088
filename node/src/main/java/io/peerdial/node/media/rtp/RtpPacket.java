package io.peerdial.node.media.rtp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One RTP data packet (RFC 3550 §5.1). The version is always 2. Unsigned 32-bit fields (timestamp,
 * SSRC, CSRCs) are held in a {@code long}. Immutable: the payload is copied in and out.
 *
 * @param marker         the M bit (profile-defined; RFC 3551 §4.1: first packet of a talkspurt)
 * @param payloadType    0-127
 * @param sequenceNumber 0-65535
 * @param timestamp      0 to 2^32-1, in the payload's clock rate
 * @param ssrc           synchronisation source, 0 to 2^32-1
 * @param csrcs          contributing sources, at most 15
 * @param extension      the header extension, or {@code null} when the X bit is clear
 * @param paddingLength  0 for no padding, else 1-255: the pad octets including the final count octet (§5.1 P bit)
 * @param payload        the payload without padding
 */
public record RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                        List<Long> csrcs, RtpHeaderExtension extension, int paddingLength, byte[] payload) {

    public static final int VERSION = 2;
    public static final int FIXED_HEADER_SIZE = 12;
    public static final int MAX_CSRCS = 15;

    public RtpPacket {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0-127: " + payloadType);
        }
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
            throw new IllegalArgumentException("sequence number must be 0-65535: " + sequenceNumber);
        }
        requireUnsigned32("timestamp", timestamp);
        requireUnsigned32("ssrc", ssrc);
        csrcs = List.copyOf(csrcs);
        if (csrcs.size() > MAX_CSRCS) {
            throw new IllegalArgumentException("at most 15 CSRCs: " + csrcs.size());
        }
        csrcs.forEach(c -> requireUnsigned32("csrc", c));
        if (paddingLength < 0 || paddingLength > 255) {
            throw new IllegalArgumentException("padding length must be 0-255: " + paddingLength);
        }
        payload = payload.clone();
    }

    /** The common case: no CSRCs, no extension, no padding. */
    public static RtpPacket of(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                               byte[] payload) {
        return new RtpPacket(marker, payloadType, sequenceNumber, timestamp, ssrc, List.of(), null, 0, payload);
    }

    static void requireUnsigned32(String what, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " must fit 32 unsigned bits: " + value);
        }
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    int payloadLength() {
        return payload.length;
    }

    void copyPayloadTo(byte[] destination, int offset) {
        System.arraycopy(payload, 0, destination, offset, payload.length);
    }

    /** Bytes this packet takes on the wire. */
    public int encodedLength() {
        return FIXED_HEADER_SIZE + 4 * csrcs.size() + (extension == null ? 0 : 4 + extension.length())
                + payload.length + paddingLength;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RtpPacket p && p.marker == marker && p.payloadType == payloadType
                && p.sequenceNumber == sequenceNumber && p.timestamp == timestamp && p.ssrc == ssrc
                && p.csrcs.equals(csrcs) && java.util.Objects.equals(p.extension, extension)
                && p.paddingLength == paddingLength && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        int h = java.util.Objects.hash(marker, payloadType, sequenceNumber, timestamp, ssrc, csrcs, extension,
                paddingLength);
        return 31 * h + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RtpPacket[marker=" + marker + ", pt=" + payloadType + ", seq=" + sequenceNumber + ", ts=" + timestamp
                + ", ssrc=" + ssrc + ", csrcs=" + csrcs + ", extension=" + extension + ", padding=" + paddingLength
                + ", payload=" + HexFormat.of().formatHex(payload) + "]";
    }
}
