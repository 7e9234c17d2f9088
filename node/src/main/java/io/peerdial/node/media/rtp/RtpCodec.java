package io.peerdial.node.media.rtp;

import io.peerdial.node.media.rtp.RtpFormatException.Reason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes RTP packets (RFC 3550 §5.1, §5.3.1). Decoding is length-limited to
 * {@link #MAX_PACKET_SIZE} and rejects anything malformed with {@link RtpFormatException} only.
 * Encoding can write into a caller's buffer so a forwarding path allocates nothing per packet.
 */
public final class RtpCodec {

    /** One Ethernet MTU: RTP over UDP never needs more, and a bigger datagram is refused unread. */
    public static final int MAX_PACKET_SIZE = 1500;

    private RtpCodec() {
    }

    public static RtpPacket decode(byte[] datagram) throws RtpFormatException {
        return decode(datagram, 0, datagram.length);
    }

    public static RtpPacket decode(byte[] buf, int offset, int length) throws RtpFormatException {
        int headerLength = RtpHeaderView.validate(buf, offset, length);
        int b0 = buf[offset] & 0xFF;
        int b1 = buf[offset + 1] & 0xFF;
        int csrcCount = b0 & 0x0F;
        List<Long> csrcs = new ArrayList<>(csrcCount);
        for (int i = 0; i < csrcCount; i++) {
            csrcs.add(RtpHeaderView.u32(buf, offset + 12 + 4 * i));
        }
        RtpHeaderExtension extension = null;
        if ((b0 & 0x10) != 0) { // RFC 3550 §5.3.1
            int at = offset + 12 + 4 * csrcCount;
            int words = RtpHeaderView.u16(buf, at + 2);
            byte[] data = new byte[words * 4];
            System.arraycopy(buf, at + 4, data, 0, data.length);
            extension = new RtpHeaderExtension(RtpHeaderView.u16(buf, at), data);
        }
        int padding = (b0 & 0x20) != 0 ? buf[offset + length - 1] & 0xFF : 0;
        byte[] payload = new byte[length - headerLength - padding];
        System.arraycopy(buf, offset + headerLength, payload, 0, payload.length);
        return new RtpPacket((b1 & 0x80) != 0, b1 & 0x7F, RtpHeaderView.u16(buf, offset + 2),
                RtpHeaderView.u32(buf, offset + 4), RtpHeaderView.u32(buf, offset + 8), csrcs, extension, padding,
                payload);
    }

    public static byte[] encode(RtpPacket packet) {
        byte[] out = new byte[checkedLength(packet)];
        encode(packet, out, 0);
        return out;
    }

    /**
     * Writes the packet at {@code offset}; returns the number of bytes written.
     *
     * @throws IllegalArgumentException when the packet exceeds {@link #MAX_PACKET_SIZE} or does not fit
     */
    public static int encode(RtpPacket packet, byte[] out, int offset) {
        int length = checkedLength(packet);
        if (offset < 0 || out.length - offset < length) {
            throw new IllegalArgumentException("buffer too small: need " + length + " bytes at " + offset);
        }
        int csrcCount = packet.csrcs().size();
        RtpHeaderExtension extension = packet.extension();
        out[offset] = (byte) (RtpPacket.VERSION << 6 | (packet.paddingLength() > 0 ? 0x20 : 0)
                | (extension != null ? 0x10 : 0) | csrcCount);
        out[offset + 1] = (byte) ((packet.marker() ? 0x80 : 0) | packet.payloadType());
        putU16(out, offset + 2, packet.sequenceNumber());
        putU32(out, offset + 4, packet.timestamp());
        putU32(out, offset + 8, packet.ssrc());
        int at = offset + RtpPacket.FIXED_HEADER_SIZE;
        for (int i = 0; i < csrcCount; i++, at += 4) {
            putU32(out, at, packet.csrcs().get(i));
        }
        if (extension != null) {
            putU16(out, at, extension.profile());
            putU16(out, at + 2, extension.length() / 4);
            extension.copyTo(out, at + 4);
            at += 4 + extension.length();
        }
        packet.copyPayloadTo(out, at);
        at += packet.payloadLength();
        if (packet.paddingLength() > 0) { // RFC 3550 §5.1: pad octets, the last one counts them
            for (int i = 0; i < packet.paddingLength() - 1; i++) {
                out[at++] = 0;
            }
            out[at++] = (byte) packet.paddingLength();
        }
        return length;
    }

    /** Writes the packet at the buffer's position and advances it. */
    public static void encode(RtpPacket packet, ByteBuffer out) {
        int length = checkedLength(packet);
        if (out.remaining() < length) {
            throw new IllegalArgumentException("buffer too small: need " + length + " bytes");
        }
        if (out.hasArray()) {
            encode(packet, out.array(), out.arrayOffset() + out.position());
            out.position(out.position() + length);
        } else {
            out.put(encode(packet));
        }
    }

    private static int checkedLength(RtpPacket packet) {
        int length = packet.encodedLength();
        if (length > MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("RTP packet of " + length + " bytes exceeds " + MAX_PACKET_SIZE);
        }
        return length;
    }

    static void putU16(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 8);
        out[at + 1] = (byte) value;
    }

    static void putU32(byte[] out, int at, long value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }

    static RtpFormatException reject(Reason reason, String detail) {
        return new RtpFormatException(reason, detail);
    }
}
