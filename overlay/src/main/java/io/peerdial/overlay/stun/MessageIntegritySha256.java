package io.peerdial.overlay.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6): an HMAC-SHA256, possibly truncated to 16-32 bytes in
 * steps of 4. Compute or verify it with {@link StunIntegrity}.
 */
public record MessageIntegritySha256(byte[] hmac) implements StunAttribute {
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 32;

    public MessageIntegritySha256 {
        if (!validLength(hmac.length)) {
            throw new IllegalArgumentException("MESSAGE-INTEGRITY-SHA256 is 16-32 bytes in steps of 4, got " + hmac.length);
        }
        hmac = hmac.clone();
    }

    static boolean validLength(int length) {
        return length >= MIN_LENGTH && length <= MAX_LENGTH && length % 4 == 0;
    }

    static MessageIntegritySha256 decode(byte[] value, TransactionId transactionId) {
        return new MessageIntegritySha256(value);
    }

    @Override
    public byte[] hmac() {
        return hmac.clone();
    }

    @Override
    public int type() {
        return StunAttributeTypes.MESSAGE_INTEGRITY_SHA256;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return hmac.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageIntegritySha256 m && Arrays.equals(hmac, m.hmac);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hmac);
    }

    @Override
    public String toString() {
        return "MessageIntegritySha256[" + HexFormat.of().formatHex(hmac) + "]";
    }
}
