package io.peerdial.overlay.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5): the HMAC-SHA1 as received. To compute or verify one, use
 * {@link StunIntegrity}: the HMAC covers the raw bytes before the attribute.
 */
public record MessageIntegrity(byte[] hmac) implements StunAttribute {
    public static final int LENGTH = 20;

    public MessageIntegrity {
        if (hmac.length != LENGTH) {
            throw new IllegalArgumentException("MESSAGE-INTEGRITY is 20 bytes, got " + hmac.length);
        }
        hmac = hmac.clone();
    }

    static MessageIntegrity decode(byte[] value, TransactionId transactionId) {
        return new MessageIntegrity(value);
    }

    @Override
    public byte[] hmac() {
        return hmac.clone();
    }

    @Override
    public int type() {
        return StunAttributeTypes.MESSAGE_INTEGRITY;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return hmac.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageIntegrity m && Arrays.equals(hmac, m.hmac);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hmac);
    }

    @Override
    public String toString() {
        return "MessageIntegrity[" + HexFormat.of().formatHex(hmac) + "]";
    }
}
