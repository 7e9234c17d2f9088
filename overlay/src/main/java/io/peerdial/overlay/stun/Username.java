package io.peerdial.overlay.stun;

/** USERNAME; the caller applies OpaqueString (RFC 8265) before building it (RFC 8489 §14.3). */
public record Username(String value) implements StunAttribute {

    public Username {
        StunText.check("USERNAME", value, StunText.MAX_USERNAME_BYTES, false);
    }

    static Username decode(byte[] value, TransactionId transactionId) throws StunException {
        return new Username(StunText.decode(value));
    }

    @Override
    public int type() {
        return StunAttributeTypes.USERNAME;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return StunText.encode(value);
    }
}
