package io.peerdial.overlay.stun;

/** REALM (RFC 8489 §14.9). */
public record Realm(String value) implements StunAttribute {

    public Realm {
        StunText.check("REALM", value, StunText.MAX_TEXT_BYTES, true);
    }

    static Realm decode(byte[] value, TransactionId transactionId) throws StunException {
        return new Realm(StunText.decode(value));
    }

    @Override
    public int type() {
        return StunAttributeTypes.REALM;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return StunText.encode(value);
    }
}
