package io.peerdial.relay.turn;

import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.TransactionId;

/**
 * ADDITIONAL-ADDRESS-FAMILY (RFC 8656 §18.11): asks for a second, IPv6, relayed address. Same
 * layout as REQUESTED-ADDRESS-FAMILY; the server checks the value (only 0x02 is allowed there).
 */
public record AdditionalAddressFamily(int family) implements StunAttribute {

    public AdditionalAddressFamily {
        if (family < 0 || family > 0xFF) {
            throw new IllegalArgumentException("family is 8 bits: " + family);
        }
    }

    public static AdditionalAddressFamily decode(byte[] value, TransactionId transactionId) throws StunException {
        TurnValues.requireLength("ADDITIONAL-ADDRESS-FAMILY", value, 4);
        return new AdditionalAddressFamily(value[0] & 0xFF);
    }

    @Override
    public int type() {
        return TurnAttributeTypes.ADDITIONAL_ADDRESS_FAMILY;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return new byte[] {(byte) family, 0, 0, 0};
    }
}
