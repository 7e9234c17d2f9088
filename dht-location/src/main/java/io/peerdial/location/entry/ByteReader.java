package io.peerdial.location.entry;

import io.peerdial.location.entry.EntryFormatException.Reason;
import io.peerdial.overlay.identity.NodeId;
import java.util.Arrays;

/** Bounds-checked big-endian reader over peer bytes: every read past the end is {@link Reason#TRUNCATED}. */
public final class ByteReader {

    private final byte[] bytes;
    private final int end;
    private int pos;

    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public ByteReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.pos = offset;
        this.end = offset + length;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(int n, String what) throws EntryFormatException {
        if (end - pos < n) {
            throw new EntryFormatException(Reason.TRUNCATED, what + " needs " + n + " bytes at offset " + pos + ", " + (end - pos) + " left");
        }
    }

    public int u8(String what) throws EntryFormatException {
        need(1, what);
        return bytes[pos++] & 0xFF;
    }

    public int u16(String what) throws EntryFormatException {
        need(2, what);
        int v = ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public long u64(String what) throws EntryFormatException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (bytes[pos + i] & 0xFF);
        pos += 8;
        return v;
    }

    /** A u64 time that must fit a Java long (top bit clear). */
    public long time(String what) throws EntryFormatException {
        long v = u64(what);
        if (v < 0) throw new EntryFormatException(Reason.BAD_FIELD, what + " " + Long.toUnsignedString(v) + " exceeds 2^63-1");
        return v;
    }

    public byte[] bytes(int n, String what) throws EntryFormatException {
        need(n, what);
        byte[] v = Arrays.copyOfRange(bytes, pos, pos + n);
        pos += n;
        return v;
    }

    public NodeId nodeId(String what) throws EntryFormatException {
        need(NodeId.BYTES, what);
        NodeId v = NodeId.fromBytes(bytes, pos);
        pos += NodeId.BYTES;
        return v;
    }

    public OwnerKey ownerKey(String what) throws EntryFormatException {
        need(OwnerKey.BYTES, what);
        OwnerKey v = OwnerKey.read(bytes, pos);
        pos += OwnerKey.BYTES;
        return v;
    }

    /** Fails with {@link Reason#TRAILING_BYTES} unless everything was read. */
    public void expectEnd(String what) throws EntryFormatException {
        if (pos != end) throw new EntryFormatException(Reason.TRAILING_BYTES, (end - pos) + " bytes after the " + what);
    }
}
