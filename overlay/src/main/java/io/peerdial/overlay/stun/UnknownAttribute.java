package io.peerdial.overlay.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An attribute whose type no registered decoder knows, kept raw so that it can be re-encoded,
 * listed in a 420 response (RFC 8489 §6.3.1) or read by code that knows it.
 */
public record UnknownAttribute(int type, byte[] value) implements StunAttribute {

    public UnknownAttribute {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("attribute type is 16 bits: " + type);
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("attribute value longer than 65535 bytes");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownAttribute u && type == u.type && Arrays.equals(value, u.value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("UnknownAttribute[0x%04X, %s]", type, HexFormat.of().formatHex(value));
    }
}
