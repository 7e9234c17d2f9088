package io.peerdial.overlay.stun;

/**
 * One attribute of a STUN message (RFC 8489 §14): a 16-bit type and a value. Implementations are
 * immutable records whose constructors validate the value (they throw IllegalArgumentException;
 * the decoder turns that into {@link StunException.Reason#BAD_ATTRIBUTE}).
 *
 * <p>The interface is open on purpose: {@code relay} adds TURN attributes (RFC 8656 §18) as its own
 * records and registers their decoders in a {@link StunAttributeRegistry}.
 */
public interface StunAttribute {

    /** The 16-bit attribute type. */
    int type();

    /**
     * The value bytes without padding. The transaction ID is there for the XOR-ed address
     * attributes (RFC 8489 §14.2).
     */
    byte[] encodeValue(TransactionId transactionId);

    /** RFC 8489 §14: types 0x0000-0x7FFF must be understood by the receiver, 0x8000-0xFFFF may be ignored. */
    default boolean comprehensionRequired() {
        return StunAttributeTypes.isComprehensionRequired(type());
    }
}
