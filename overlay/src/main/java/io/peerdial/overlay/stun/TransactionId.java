package io.peerdial.overlay.stun;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** The 96-bit transaction ID (RFC 8489 §5). Immutable: the bytes are copied in and out. */
public final class TransactionId {
    public static final int LENGTH = 12;

    private final byte[] bytes;

    private TransactionId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static TransactionId of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("transaction ID is 12 bytes, got " + bytes.length);
        }
        return new TransactionId(bytes.clone());
    }

    static TransactionId copyOf(byte[] source, int offset) {
        return new TransactionId(Arrays.copyOfRange(source, offset, offset + LENGTH));
    }

    /** RFC 8489 §6: "uniformly and randomly chosen"; the generator is injected (sans-IO rule). */
    public static TransactionId random(RandomGenerator random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        return new TransactionId(b);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Byte {@code i} of the ID, for the XOR of IPv6 addresses (RFC 8489 §14.2). */
    int byteAt(int i) {
        return bytes[i] & 0xFF;
    }

    void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionId t && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
