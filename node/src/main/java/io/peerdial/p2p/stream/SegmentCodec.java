package io.peerdial.p2p.stream;

import io.peerdial.p2p.stream.StreamFormatException.Reason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Encodes and decodes {@link Segment}s (version 1, docs/P2P.md "Stream protocol"). Big-endian:
 *
 * <pre>
 * version u8 = 1 | type u8 | connection id u32
 * [DATA, ACK, PING, FIN] cumulative u64 | limit u64 | sack count u8 | count x (start u64, end u64)
 * DATA: offset u64 | length u16 | payload     FIN: final size u64     RST: code u32
 * CRC32C u32 over everything before it
 * </pre>
 *
 * <p>Decoding is length-limited ({@link #MAX_DATAGRAM}) and throws nothing but {@link StreamFormatException}.
 */
public final class SegmentCodec {

    /** Largest datagram: fits a TURN ChannelData message on any path (RFC 8656 §12; 1280-byte IPv6 MTU). */
    public static final int MAX_DATAGRAM = 1200;
    /** Offsets stay below 2^62 (as QUIC's, RFC 9000 §19.8) so that sums never overflow. */
    public static final long MAX_OFFSET = 1L << 62;
    public static final int VERSION = 1;

    static final int TYPE_DATA = 1;
    static final int TYPE_ACK = 2;
    static final int TYPE_PING = 3;
    static final int TYPE_FIN = 4;
    static final int TYPE_RST = 5;

    private static final int HEADER = 6;
    private static final int CHECKSUM = 4;
    private static final int ACK_FIXED = 17;
    private static final int SACK_RANGE = 16;
    private static final int DATA_FIXED = 10;
    /** Smallest valid datagram: an RST. */
    private static final int MIN_DATAGRAM = HEADER + 4 + CHECKSUM;
    /** Payload a DATA segment can always carry, whatever its SACK ranges: 1099 bytes. */
    public static final int MAX_PAYLOAD = MAX_DATAGRAM - HEADER - ACK_FIXED - AckInfo.MAX_SACK_RANGES * SACK_RANGE
            - DATA_FIXED - CHECKSUM;

    private SegmentCodec() {
    }

    /** The datagram for {@code segment}; a DATA payload above {@link #MAX_PAYLOAD} is API misuse. */
    public static byte[] encode(Segment segment) {
        // Java 17: no pattern matching for switch, hence the instanceof chain.
        ByteBuffer b;
        if (segment instanceof Segment.Data d) {
            if (d.length() > MAX_PAYLOAD) {
                throw new IllegalArgumentException("payload above " + MAX_PAYLOAD + ": " + d.length());
            }
            b = header(TYPE_DATA, d.connectionId(), d.ack(), DATA_FIXED + d.length());
            b.putLong(d.offset()).putShort((short) d.length()).put(d.payloadView());
        } else if (segment instanceof Segment.Ack a) {
            b = header(TYPE_ACK, a.connectionId(), a.ack(), 0);
        } else if (segment instanceof Segment.Ping p) {
            b = header(TYPE_PING, p.connectionId(), p.ack(), 0);
        } else if (segment instanceof Segment.Fin f) {
            b = header(TYPE_FIN, f.connectionId(), f.ack(), 8);
            b.putLong(f.finalSize());
        } else {
            Segment.Reset r = (Segment.Reset) segment;
            b = ByteBuffer.allocate(HEADER + 4 + CHECKSUM);
            b.put((byte) VERSION).put((byte) TYPE_RST).putInt(r.connectionId()).putInt(r.code());
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static ByteBuffer header(int type, int connectionId, AckInfo ack, int bodySize) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + ACK_FIXED + ack.sacks().size() * SACK_RANGE + bodySize + CHECKSUM);
        b.put((byte) VERSION).put((byte) type).putInt(connectionId);
        b.putLong(ack.cumulative()).putLong(ack.limit()).put((byte) ack.sacks().size());
        for (SackRange r : ack.sacks()) {
            b.putLong(r.start()).putLong(r.end());
        }
        return b;
    }

    public static Segment decode(byte[] datagram) throws StreamFormatException {
        return decode(datagram, 0, datagram.length);
    }

    /** Decodes {@code datagram[offset, offset + length)}; the caller's array bounds must be valid (API misuse otherwise). */
    public static Segment decode(byte[] datagram, int offset, int length) throws StreamFormatException {
        java.util.Objects.checkFromIndexSize(offset, length, datagram.length);
        if (length > MAX_DATAGRAM) {
            throw new StreamFormatException(Reason.TOO_LONG, length + " bytes");
        }
        if (length < MIN_DATAGRAM) {
            throw new StreamFormatException(Reason.TOO_SHORT, length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(datagram, offset, length - CHECKSUM);
        ByteBuffer b = ByteBuffer.wrap(datagram, offset, length - CHECKSUM);
        if (ByteBuffer.wrap(datagram, offset + length - CHECKSUM, CHECKSUM).getInt() != (int) crc.getValue()) {
            throw new StreamFormatException(Reason.BAD_CHECKSUM, "CRC32C mismatch");
        }
        int version = b.get() & 0xff;
        if (version != VERSION) {
            throw new StreamFormatException(Reason.UNKNOWN_VERSION, "version " + version);
        }
        int type = b.get() & 0xff;
        int connectionId = b.getInt();
        Segment s;
        switch (type) {
            case TYPE_RST -> s = new Segment.Reset(connectionId, getInt(b));
            case TYPE_ACK -> s = new Segment.Ack(connectionId, ack(b));
            case TYPE_PING -> s = new Segment.Ping(connectionId, ack(b));
            case TYPE_FIN -> {
                AckInfo ack = ack(b);
                long finalSize = offsetField(b, "final size");
                if (finalSize == MAX_OFFSET) {
                    throw new StreamFormatException(Reason.BAD_OFFSET, "final size " + finalSize);
                }
                s = new Segment.Fin(connectionId, ack, finalSize);
            }
            case TYPE_DATA -> s = data(b, connectionId);
            default -> throw new StreamFormatException(Reason.UNKNOWN_TYPE, "type " + type);
        }
        if (b.hasRemaining()) {
            throw new StreamFormatException(Reason.TRAILING_BYTES, b.remaining() + " bytes after the segment");
        }
        return s;
    }

    private static Segment data(ByteBuffer b, int connectionId) throws StreamFormatException {
        AckInfo ack = ack(b);
        long offset = offsetField(b, "offset");
        need(b, 2, "length");
        int length = b.getShort() & 0xffff;
        if (length == 0) {
            throw new StreamFormatException(Reason.EMPTY_DATA, "no payload");
        }
        need(b, length, "payload");
        if (offset > MAX_OFFSET - length) {
            throw new StreamFormatException(Reason.BAD_OFFSET, "data ends past 2^62");
        }
        byte[] payload = new byte[length];
        b.get(payload);
        return new Segment.Data(connectionId, ack, offset, payload);
    }

    private static AckInfo ack(ByteBuffer b) throws StreamFormatException {
        long cumulative = offsetField(b, "cumulative");
        long limit = offsetField(b, "limit");
        need(b, 1, "sack count");
        int count = b.get() & 0xff;
        if (count > AckInfo.MAX_SACK_RANGES) {
            throw new StreamFormatException(Reason.TOO_MANY_SACK_RANGES, count + " ranges");
        }
        List<SackRange> ranges = new ArrayList<>(count);
        long previousEnd = cumulative;
        for (int i = 0; i < count; i++) {
            long start = offsetField(b, "sack start");
            long end = offsetField(b, "sack end");
            if (start <= previousEnd || end <= start) { // RFC 2018 §3: blocks lie above the cumulative point
                throw new StreamFormatException(Reason.BAD_SACK_RANGE, "[" + start + ", " + end + ") after " + previousEnd);
            }
            ranges.add(new SackRange(start, end));
            previousEnd = end;
        }
        return new AckInfo(cumulative, limit, ranges);
    }

    private static long offsetField(ByteBuffer b, String what) throws StreamFormatException {
        need(b, 8, what);
        long v = b.getLong();
        if (v < 0 || v > MAX_OFFSET) {
            throw new StreamFormatException(Reason.BAD_OFFSET, what + " " + v);
        }
        return v;
    }

    private static int getInt(ByteBuffer b) throws StreamFormatException {
        need(b, 4, "code");
        return b.getInt();
    }

    private static void need(ByteBuffer b, int n, String what) throws StreamFormatException {
        if (b.remaining() < n) {
            throw new StreamFormatException(Reason.TRUNCATED, what + " needs " + n + " bytes, " + b.remaining() + " left");
        }
    }
}
