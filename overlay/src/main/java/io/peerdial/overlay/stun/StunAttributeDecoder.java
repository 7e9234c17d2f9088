package io.peerdial.overlay.stun;

/**
 * Turns one attribute value (without padding) into a record. It may throw {@link StunException}
 * or, from the record's constructor, IllegalArgumentException; both mean BAD_ATTRIBUTE.
 */
@FunctionalInterface
public interface StunAttributeDecoder {
    StunAttribute decode(byte[] value, TransactionId transactionId) throws StunException;
}
