package io.peerdial.relay.turn;

import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.TransactionId;

/**
 * EVEN-PORT (RFC 8656 §18.7): one byte whose top bit R asks the server to also reserve the next
 * higher port; the other 7 bits are RFFU.
 */
public record EvenPort(boolean reserveNext) implements StunAttribute {

    public static EvenPort decode(byte[] value, TransactionId transactionId) throws StunException {
        TurnValues.requireLength("EVEN-PORT", value, 1);
        return new EvenPort((value[0] & 0x80) != 0);
    }

    @Override
    public int type() {
        return TurnAttributeTypes.EVEN_PORT;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return new byte[] {(byte) (reserveNext ? 0x80 : 0)};
    }
}
