package io.peerdial.relay.turn;

import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.TransactionId;

/**
 * REQUESTED-ADDRESS-FAMILY (RFC 8656 §18.6): family byte (0x01 IPv4, 0x02 IPv6) and 24 RFFU bits.
 * Other family numbers decode, so that the server answers 440 (§7.2) rather than dropping.
 */
public record RequestedAddressFamily(int family) implements StunAttribute {

    public RequestedAddressFamily {
        if (family < 0 || family > 0xFF) {
            throw new IllegalArgumentException("family is 8 bits: " + family);
        }
    }

    public static RequestedAddressFamily decode(byte[] value, TransactionId transactionId) throws StunException {
        TurnValues.requireLength("REQUESTED-ADDRESS-FAMILY", value, 4);
        return new RequestedAddressFamily(value[0] & 0xFF);
    }

    @Override
    public int type() {
        return TurnAttributeTypes.REQUESTED_ADDRESS_FAMILY;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return new byte[] {(byte) family, 0, 0, 0};
    }
}
