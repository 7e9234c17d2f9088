package io.peerdial.node.media.rtp;

import io.peerdial.node.media.rtp.RtcpFormatException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes compound RTCP packets (RFC 3550 §6.1, §6.4-§6.6) with the validity checks of A.2:
 * every packet is version 2, the first is an SR or RR, only the last may be padded, and the packet lengths
 * add up to the datagram. Packet types other than SR/RR/SDES/BYE are skipped. Decoding throws only
 * {@link RtcpFormatException}.
 */
public final class RtcpCodec {

    /** Length limit of a compound datagram: one Ethernet MTU. */
    public static final int MAX_COMPOUND_SIZE = 1500;

    private RtcpCodec() {
    }

    public static List<RtcpPacket> decodeCompound(byte[] datagram) throws RtcpFormatException {
        return decodeCompound(datagram, 0, datagram.length);
    }

    public static List<RtcpPacket> decodeCompound(byte[] buf, int offset, int length) throws RtcpFormatException {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IllegalArgumentException("range outside the buffer: " + offset + "+" + length);
        }
        if (length > MAX_COMPOUND_SIZE) {
            throw new RtcpFormatException(Reason.OVERSIZED, length + " bytes");
        }
        if (length < 4) {
            throw new RtcpFormatException(Reason.TRUNCATED, length + " bytes");
        }
        if (length % 4 != 0) { // every RTCP packet is a whole number of 32-bit words (§6.4.1 length)
            throw new RtcpFormatException(Reason.BAD_LENGTH, length + " bytes is not a multiple of 4");
        }
        List<RtcpPacket> packets = new ArrayList<>(4);
        int end = offset + length;
        int at = offset;
        boolean first = true;
        while (at < end) {
            int b0 = buf[at] & 0xFF;
            int type = buf[at + 1] & 0xFF;
            if (b0 >>> 6 != 2) {
                throw new RtcpFormatException(Reason.BAD_VERSION, "version " + (b0 >>> 6));
            }
            if (first && type != RtcpPacket.SR && type != RtcpPacket.RR) { // §6.1, A.2
                throw new RtcpFormatException(Reason.BAD_FIRST_PACKET, "first packet type " + type);
            }
            int packetLength = 4 * (RtpHeaderView.u16(buf, at + 2) + 1);
            if (packetLength > end - at) {
                throw new RtcpFormatException(Reason.TRUNCATED, "packet of " + packetLength + " bytes at " + (at - offset));
            }
            int bodyEnd = at + packetLength;
            if ((b0 & 0x20) != 0) {
                if (bodyEnd != end) { // §6.4.1: padding only on the last packet of a compound
                    throw new RtcpFormatException(Reason.BAD_PADDING, "padding on a packet that is not the last");
                }
                int padding = buf[bodyEnd - 1] & 0xFF;
                if (padding == 0 || padding > packetLength - 4) {
                    throw new RtcpFormatException(Reason.BAD_PADDING, "pad count " + padding);
                }
                bodyEnd -= padding;
            }
            int count = b0 & 0x1F;
            RtcpPacket packet = switch (type) {
                case RtcpPacket.SR -> decodeSenderReport(buf, at + 4, bodyEnd, count);
                case RtcpPacket.RR -> decodeReceiverReport(buf, at + 4, bodyEnd, count);
                case RtcpPacket.SDES -> decodeSourceDescription(buf, at + 4, bodyEnd, count);
                case RtcpPacket.BYE -> decodeBye(buf, at + 4, bodyEnd, count);
                default -> null; // APP, feedback, XR, unknown: skipped (§6.1 lets a receiver ignore them)
            };
            if (packet != null) {
                packets.add(packet);
            }
            at += packetLength;
            first = false;
        }
        return packets;
    }

    private static SenderReport decodeSenderReport(byte[] buf, int at, int end, int count) throws RtcpFormatException {
        requireBody(end - at, 24 + ReportBlock.SIZE * count, "SR");
        return new SenderReport(RtpHeaderView.u32(buf, at),
                new NtpTime(RtpHeaderView.u32(buf, at + 4), RtpHeaderView.u32(buf, at + 8)),
                RtpHeaderView.u32(buf, at + 12), RtpHeaderView.u32(buf, at + 16), RtpHeaderView.u32(buf, at + 20),
                decodeBlocks(buf, at + 24, count));
    }

    private static ReceiverReport decodeReceiverReport(byte[] buf, int at, int end, int count)
            throws RtcpFormatException {
        requireBody(end - at, 4 + ReportBlock.SIZE * count, "RR");
        return new ReceiverReport(RtpHeaderView.u32(buf, at), decodeBlocks(buf, at + 4, count));
    }

    private static void requireBody(int available, int needed, String what) throws RtcpFormatException {
        if (available < needed) {
            throw new RtcpFormatException(Reason.BAD_LENGTH, what + " needs " + needed + " bytes, has " + available);
        }
    }

    private static List<ReportBlock> decodeBlocks(byte[] buf, int at, int count) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++, at += ReportBlock.SIZE) {
            long lost = RtpHeaderView.u32(buf, at + 4);
            int cumulative = (int) (lost << 40 >> 40); // sign-extend the 24-bit field (§6.4.1)
            blocks.add(new ReportBlock(RtpHeaderView.u32(buf, at), (int) (lost >>> 24), cumulative,
                    RtpHeaderView.u32(buf, at + 8), RtpHeaderView.u32(buf, at + 12), RtpHeaderView.u32(buf, at + 16),
                    RtpHeaderView.u32(buf, at + 20)));
        }
        return blocks;
    }

    private static SourceDescription decodeSourceDescription(byte[] buf, int at, int end, int count)
            throws RtcpFormatException {
        int start = at - 4; // chunks align on 32-bit boundaries counted from the packet start (§6.5)
        List<SourceDescription.Chunk> chunks = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            if (end - at < 4) {
                throw new RtcpFormatException(Reason.BAD_SDES, "chunk " + c + " has no SSRC");
            }
            long ssrc = RtpHeaderView.u32(buf, at);
            at += 4;
            List<SourceDescription.Item> items = new ArrayList<>();
            while (true) {
                if (at >= end) {
                    throw new RtcpFormatException(Reason.BAD_SDES, "item list of chunk " + c + " not terminated");
                }
                int type = buf[at] & 0xFF;
                if (type == 0) { // end of list, then null octets up to the next 32-bit boundary
                    at += 4 - ((at - start) & 3);
                    if (at > end) {
                        throw new RtcpFormatException(Reason.BAD_SDES, "chunk " + c + " padding runs past the end");
                    }
                    break;
                }
                if (end - at < 2 || end - at - 2 < (buf[at + 1] & 0xFF)) {
                    throw new RtcpFormatException(Reason.BAD_SDES, "item runs past the end of chunk " + c);
                }
                int textLength = buf[at + 1] & 0xFF;
                items.add(new SourceDescription.Item(type, text(buf, at + 2, textLength)));
                at += 2 + textLength;
            }
            chunks.add(new SourceDescription.Chunk(ssrc, items));
        }
        if (at != end) {
            throw new RtcpFormatException(Reason.BAD_SDES, (end - at) + " bytes after the last chunk");
        }
        return new SourceDescription(chunks);
    }

    private static Bye decodeBye(byte[] buf, int at, int end, int count) throws RtcpFormatException {
        requireBody(end - at, 4 * count, "BYE");
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++, at += 4) {
            ssrcs.add(RtpHeaderView.u32(buf, at));
        }
        String reason = "";
        if (at < end) { // §6.6: optional length-prefixed reason, null-padded to 32 bits
            int reasonLength = buf[at] & 0xFF;
            if (reasonLength > end - at - 1) {
                throw new RtcpFormatException(Reason.BAD_BYE, "reason of " + reasonLength + " bytes runs past the end");
            }
            reason = text(buf, at + 1, reasonLength);
        }
        return new Bye(ssrcs, reason);
    }

    private static String text(byte[] buf, int at, int length) throws RtcpFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, at, length)).toString();
        } catch (CharacterCodingException e) {
            throw new RtcpFormatException(Reason.BAD_TEXT, "text is not UTF-8");
        }
    }

    /**
     * Encodes a compound packet. The first packet must be an SR or RR (§6.1); no padding is added.
     *
     * @throws IllegalArgumentException when the list is empty, starts with another type, or exceeds
     *                                  {@link #MAX_COMPOUND_SIZE}
     */
    public static byte[] encodeCompound(List<? extends RtcpPacket> packets) {
        if (packets.isEmpty() || !(packets.get(0) instanceof SenderReport || packets.get(0) instanceof ReceiverReport)) {
            throw new IllegalArgumentException("a compound RTCP packet starts with an SR or RR (RFC 3550 §6.1)");
        }
        int total = 0;
        for (RtcpPacket packet : packets) {
            total += encodedLength(packet);
        }
        if (total > MAX_COMPOUND_SIZE) {
            throw new IllegalArgumentException("compound RTCP of " + total + " bytes exceeds " + MAX_COMPOUND_SIZE);
        }
        byte[] out = new byte[total];
        int at = 0;
        for (RtcpPacket packet : packets) {
            at += encodeInto(packet, out, at);
        }
        return out;
    }

    /** Encodes one packet on its own, e.g. to compare with a vector; not a valid compound unless SR/RR. */
    public static byte[] encodePacket(RtcpPacket packet) {
        byte[] out = new byte[encodedLength(packet)];
        encodeInto(packet, out, 0);
        return out;
    }

    /** Bytes one packet takes on the wire. */
    public static int encodedLength(RtcpPacket packet) {
        if (packet instanceof SenderReport sr) {
            return 28 + ReportBlock.SIZE * sr.reports().size();
        } else if (packet instanceof ReceiverReport rr) {
            return 8 + ReportBlock.SIZE * rr.reports().size();
        } else if (packet instanceof SourceDescription sdes) {
            int length = 4;
            for (SourceDescription.Chunk chunk : sdes.chunks()) {
                int items = 0;
                for (SourceDescription.Item item : chunk.items()) {
                    items += 2 + utf8(item.text()).length;
                }
                length += 4 + pad4(items + 1); // at least one null octet ends the list
            }
            return length;
        } else {
            Bye bye = (Bye) packet;
            int reason = bye.reason().isEmpty() ? 0 : pad4(1 + utf8(bye.reason()).length);
            return 4 + 4 * bye.ssrcs().size() + reason;
        }
    }

    private static int encodeInto(RtcpPacket packet, byte[] out, int offset) {
        int length = encodedLength(packet);
        int count;
        int at = offset + 4;
        if (packet instanceof SenderReport sr) {
            count = sr.reports().size();
            RtpCodec.putU32(out, at, sr.ssrc());
            RtpCodec.putU32(out, at + 4, sr.ntpTime().seconds());
            RtpCodec.putU32(out, at + 8, sr.ntpTime().fraction());
            RtpCodec.putU32(out, at + 12, sr.rtpTimestamp());
            RtpCodec.putU32(out, at + 16, sr.packetCount());
            RtpCodec.putU32(out, at + 20, sr.octetCount());
            encodeBlocks(sr.reports(), out, at + 24);
        } else if (packet instanceof ReceiverReport rr) {
            count = rr.reports().size();
            RtpCodec.putU32(out, at, rr.ssrc());
            encodeBlocks(rr.reports(), out, at + 4);
        } else if (packet instanceof SourceDescription sdes) {
            count = sdes.chunks().size();
            for (SourceDescription.Chunk chunk : sdes.chunks()) {
                RtpCodec.putU32(out, at, chunk.ssrc());
                at += 4;
                for (SourceDescription.Item item : chunk.items()) {
                    byte[] text = utf8(item.text());
                    out[at] = (byte) item.type();
                    out[at + 1] = (byte) text.length;
                    System.arraycopy(text, 0, out, at + 2, text.length);
                    at += 2 + text.length;
                }
                at += 4 - ((at - offset) & 3); // null octet(s) to the boundary: the array is zeroed
            }
        } else {
            Bye bye = (Bye) packet;
            count = bye.ssrcs().size();
            for (long ssrc : bye.ssrcs()) {
                RtpCodec.putU32(out, at, ssrc);
                at += 4;
            }
            if (!bye.reason().isEmpty()) { // §6.6: null padding, not the P bit
                byte[] reason = utf8(bye.reason());
                out[at] = (byte) reason.length;
                System.arraycopy(reason, 0, out, at + 1, reason.length);
            }
        }
        out[offset] = (byte) (0x80 | count);
        out[offset + 1] = (byte) packet.packetType();
        RtpCodec.putU16(out, offset + 2, length / 4 - 1);
        return length;
    }

    private static void encodeBlocks(List<ReportBlock> blocks, byte[] out, int at) {
        for (ReportBlock block : blocks) {
            RtpCodec.putU32(out, at, block.ssrc());
            RtpCodec.putU32(out, at + 4, (long) block.fractionLost() << 24 | (block.cumulativeLost() & 0xFF_FFFFL));
            RtpCodec.putU32(out, at + 8, block.extendedHighestSequence());
            RtpCodec.putU32(out, at + 12, block.jitter());
            RtpCodec.putU32(out, at + 16, block.lastSr());
            RtpCodec.putU32(out, at + 20, block.delaySinceLastSr());
            at += ReportBlock.SIZE;
        }
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
