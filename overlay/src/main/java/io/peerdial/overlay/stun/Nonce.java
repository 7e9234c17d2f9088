package io.peerdial.overlay.stun;

/** NONCE (RFC 8489 §14.10). */
public record Nonce(String value) implements StunAttribute {

    public Nonce {
        StunText.check("NONCE", value, StunText.MAX_TEXT_BYTES, true);
    }

    static Nonce decode(byte[] value, TransactionId transactionId) throws StunException {
        return new Nonce(StunText.decode(value));
    }

    @Override
    public int type() {
        return StunAttributeTypes.NONCE;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return StunText.encode(value);
    }
}
