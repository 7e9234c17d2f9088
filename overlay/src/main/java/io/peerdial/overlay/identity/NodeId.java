package io.peerdial.overlay.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 160-bit identifier in the Kademlia key space: node IDs and DHT keys alike.
 *
 * <p>Stored as three primitive fields rather than a {@code byte[]} so that a million of them fit
 * in a simulator heap and XOR distances compare without allocation. Bit 0 is the most significant
 * bit of the first byte, as in the Kademlia paper's prefix trees.
 */
public final class NodeId implements Comparable<NodeId> {

    public static final int BYTES = 20;
    public static final int BITS = 160;

    private final long hi;   // bits 0..63
    private final long mid;  // bits 64..127
    private final int lo;    // bits 128..159

    private NodeId(long hi, long mid, int lo) {
        this.hi = hi;
        this.mid = mid;
        this.lo = lo;
    }

    /** Reads 20 bytes at {@code offset}. */
    public static NodeId fromBytes(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < BYTES) {
            throw new IllegalArgumentException("need " + BYTES + " bytes at offset " + offset + ", have " + (bytes.length - offset));
        }
        return new NodeId(readLong(bytes, offset), readLong(bytes, offset + 8), (int) (readLong(bytes, offset + 12) & 0xFFFFFFFFL));
    }

    public static NodeId fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a NodeId is " + BYTES + " bytes, got " + bytes.length);
        }
        return fromBytes(bytes, 0);
    }

    /** Parses 40 hex digits. */
    public static NodeId fromHex(String hex) {
        if (hex.length() != 2 * BYTES) {
            throw new IllegalArgumentException("a NodeId is " + (2 * BYTES) + " hex digits, got " + hex.length());
        }
        return fromBytes(HexFormat.of().parseHex(hex));
    }

    /** First 160 bits of SHA-256(data): NodeId of a public key, DHT key of a name. */
    public static NodeId sha256Prefix(byte[] data) {
        try {
            return fromBytes(MessageDigest.getInstance("SHA-256").digest(data), 0);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    public static NodeId random(RandomGenerator random) {
        return new NodeId(random.nextLong(), random.nextLong(), random.nextInt());
    }

    /** A random ID that shares exactly {@code prefixBits} leading bits with {@code base} (bucket refresh). */
    public static NodeId randomInBucket(NodeId base, int prefixBits, RandomGenerator random) {
        if (prefixBits < 0 || prefixBits >= BITS) {
            throw new IllegalArgumentException("prefixBits must be in [0, " + BITS + "), got " + prefixBits);
        }
        NodeId r = random(random);
        // keep base's first prefixBits bits, flip the next one, random after it
        NodeId keepMask = mask(prefixBits);
        NodeId flipBit = mask(prefixBits + 1).xor(keepMask);
        return new NodeId(
                (base.hi & keepMask.hi) | (r.hi & ~keepMask.hi & ~flipBit.hi) | ((~base.hi) & flipBit.hi),
                (base.mid & keepMask.mid) | (r.mid & ~keepMask.mid & ~flipBit.mid) | ((~base.mid) & flipBit.mid),
                (base.lo & keepMask.lo) | (r.lo & ~keepMask.lo & ~flipBit.lo) | ((~base.lo) & flipBit.lo));
    }

    /** The ID whose first {@code bits} bits are 1 and the rest 0. */
    private static NodeId mask(int bits) {
        long h = bits >= 64 ? -1L : bits == 0 ? 0L : -1L << (64 - bits);
        long m = bits >= 128 ? -1L : bits <= 64 ? 0L : -1L << (128 - bits);
        int l = bits >= 160 ? -1 : bits <= 128 ? 0 : -1 << (160 - bits);
        return new NodeId(h, m, l);
    }

    public NodeId xor(NodeId other) {
        return new NodeId(hi ^ other.hi, mid ^ other.mid, lo ^ other.lo);
    }

    /** Compares the XOR distances {@code a ^ this} and {@code b ^ this}, without allocating. */
    public int compareDistance(NodeId a, NodeId b) {
        int c = Long.compareUnsigned(a.hi ^ hi, b.hi ^ hi);
        if (c != 0) return c;
        c = Long.compareUnsigned(a.mid ^ mid, b.mid ^ mid);
        if (c != 0) return c;
        return Integer.compareUnsigned(a.lo ^ lo, b.lo ^ lo);
    }

    /** Number of leading bits this ID shares with {@code other}; 160 if equal. */
    public int commonPrefixLength(NodeId other) {
        long h = hi ^ other.hi;
        if (h != 0) return Long.numberOfLeadingZeros(h);
        long m = mid ^ other.mid;
        if (m != 0) return 64 + Long.numberOfLeadingZeros(m);
        int l = lo ^ other.lo;
        if (l != 0) return 128 + Integer.numberOfLeadingZeros(l);
        return BITS;
    }

    /** Value of bit {@code index} (0 = most significant). */
    public boolean bit(int index) {
        if (index < 0 || index >= BITS) throw new IllegalArgumentException("bit index " + index);
        if (index < 64) return (hi >>> (63 - index) & 1) != 0;
        if (index < 128) return (mid >>> (127 - index) & 1) != 0;
        return (lo >>> (159 - index) & 1) != 0;
    }

    public void writeTo(byte[] out, int offset) {
        writeLong(out, offset, hi);
        writeLong(out, offset + 8, mid);
        for (int i = 0; i < 4; i++) out[offset + 16 + i] = (byte) (lo >>> (24 - 8 * i));
    }

    public byte[] toBytes() {
        byte[] b = new byte[BYTES];
        writeTo(b, 0);
        return b;
    }

    public String toHex() {
        return HexFormat.of().formatHex(toBytes());
    }

    /** First 8 hex digits, for logs. */
    public String shortHex() {
        return toHex().substring(0, 8);
    }

    @Override
    public int compareTo(NodeId o) {
        int c = Long.compareUnsigned(hi, o.hi);
        if (c != 0) return c;
        c = Long.compareUnsigned(mid, o.mid);
        if (c != 0) return c;
        return Integer.compareUnsigned(lo, o.lo);
    }

    /** The first 64 bits (bits 0..63), big-endian: a prefix for tables that compare many IDs. */
    public long high64() {
        return hi;
    }

    /** True if the 20 bytes at {@code offset} are this ID (lets a decoder skip building an equal copy). */
    public boolean equalsBytes(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < BYTES) {
            throw new IllegalArgumentException("need " + BYTES + " bytes at offset " + offset + ", have " + (bytes.length - offset));
        }
        return readLong(bytes, offset) == hi && readLong(bytes, offset + 8) == mid
                && (int) readLong(bytes, offset + 12) == lo;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeId n && n.hi == hi && n.mid == mid && n.lo == lo;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hi) * 31 + Long.hashCode(mid) * 17 + lo;
    }

    @Override
    public String toString() {
        return toHex();
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[off + i] & 0xFF);
        return v;
    }

    private static void writeLong(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (56 - 8 * i));
    }
}
