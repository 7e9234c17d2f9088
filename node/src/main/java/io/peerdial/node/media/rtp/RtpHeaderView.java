package io.peerdial.node.media.rtp;

import io.peerdial.node.media.rtp.RtpFormatException.Reason;

/**
 * Reads and rewrites RTP header fields straight in a datagram, without allocating: what a media bridge
 * forwarding 10^5 packets/s needs (look at SSRC/sequence/payload type, rewrite SSRC or sequence, send on).
 * Call {@link #validate} once per datagram; the getters assume a validated packet at {@code offset}.
 */
public final class RtpHeaderView {

    private RtpHeaderView() {
    }

    /**
     * Checks the header (RFC 3550 §5.1, the A.1 header checks that need no state) and returns the offset of
     * the payload relative to {@code offset}: fixed header + CSRCs + extension.
     */
    public static int validate(byte[] buf, int offset, int length) throws RtpFormatException {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IllegalArgumentException("range outside the buffer: " + offset + "+" + length);
        }
        if (length > RtpCodec.MAX_PACKET_SIZE) {
            throw RtpCodec.reject(Reason.OVERSIZED, length + " bytes");
        }
        if (length < RtpPacket.FIXED_HEADER_SIZE) {
            throw RtpCodec.reject(Reason.TRUNCATED_HEADER, length + " bytes");
        }
        int b0 = buf[offset] & 0xFF;
        if (b0 >>> 6 != RtpPacket.VERSION) {
            throw RtpCodec.reject(Reason.BAD_VERSION, "version " + (b0 >>> 6));
        }
        int headerLength = RtpPacket.FIXED_HEADER_SIZE + 4 * (b0 & 0x0F);
        if (headerLength > length) {
            throw RtpCodec.reject(Reason.TRUNCATED_CSRC, (b0 & 0x0F) + " CSRCs in " + length + " bytes");
        }
        if ((b0 & 0x10) != 0) { // RFC 3550 §5.3.1
            if (headerLength + 4 > length) {
                throw RtpCodec.reject(Reason.TRUNCATED_EXTENSION, "no room for the extension header");
            }
            headerLength += 4 + 4 * u16(buf, offset + headerLength + 2);
            if (headerLength > length) {
                throw RtpCodec.reject(Reason.TRUNCATED_EXTENSION, "extension runs past the end");
            }
        }
        if ((b0 & 0x20) != 0) { // RFC 3550 §5.1: last octet counts the padding, itself included
            int padding = buf[offset + length - 1] & 0xFF;
            if (padding == 0 || padding > length - headerLength) {
                throw RtpCodec.reject(Reason.BAD_PADDING, "pad count " + padding);
            }
        }
        return headerLength;
    }

    /**
     * RFC 5761 §4: on a multiplexed port, a second octet of 192-223 (payload type 64-95 with the marker)
     * is RTCP, since those payload types are not used for RTP. Needs at least 2 bytes.
     */
    public static boolean isRtcp(byte[] buf, int offset, int length) {
        if (length < 2) {
            return false;
        }
        int second = buf[offset + 1] & 0xFF;
        return second >= 192 && second <= 223;
    }

    public static boolean marker(byte[] buf, int offset) {
        return (buf[offset + 1] & 0x80) != 0;
    }

    public static int payloadType(byte[] buf, int offset) {
        return buf[offset + 1] & 0x7F;
    }

    public static int sequenceNumber(byte[] buf, int offset) {
        return u16(buf, offset + 2);
    }

    public static long timestamp(byte[] buf, int offset) {
        return u32(buf, offset + 4);
    }

    public static long ssrc(byte[] buf, int offset) {
        return u32(buf, offset + 8);
    }

    /** Rewrites the SSRC in place (e.g. a bridge that re-originates a stream). */
    public static void setSsrc(byte[] buf, int offset, long ssrc) {
        RtpPacket.requireUnsigned32("ssrc", ssrc);
        RtpCodec.putU32(buf, offset + 8, ssrc);
    }

    public static void setSequenceNumber(byte[] buf, int offset, int sequenceNumber) {
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
            throw new IllegalArgumentException("sequence number must be 0-65535: " + sequenceNumber);
        }
        RtpCodec.putU16(buf, offset + 2, sequenceNumber);
    }

    static int u16(byte[] buf, int at) {
        return (buf[at] & 0xFF) << 8 | buf[at + 1] & 0xFF;
    }

    static long u32(byte[] buf, int at) {
        return ((long) (buf[at] & 0xFF) << 24) | (buf[at + 1] & 0xFF) << 16 | (buf[at + 2] & 0xFF) << 8
                | buf[at + 3] & 0xFF;
    }
}
