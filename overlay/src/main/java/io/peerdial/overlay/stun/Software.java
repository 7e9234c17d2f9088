package io.peerdial.overlay.stun;

/** SOFTWARE, a description of the sending agent (RFC 8489 §14.14). */
public record Software(String value) implements StunAttribute {

    public Software {
        StunText.check("SOFTWARE", value, StunText.MAX_TEXT_BYTES, true);
    }

    static Software decode(byte[] value, TransactionId transactionId) throws StunException {
        return new Software(StunText.decode(value));
    }

    @Override
    public int type() {
        return StunAttributeTypes.SOFTWARE;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return StunText.encode(value);
    }
}
