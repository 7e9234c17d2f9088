package io.peerdial.relay.turn;

import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.TransactionId;

/** DONT-FRAGMENT (RFC 8656 §18.9): no value; asks the server to set DF on relayed datagrams. */
public record DontFragment() implements StunAttribute {

    public static DontFragment decode(byte[] value, TransactionId transactionId) throws StunException {
        TurnValues.requireLength("DONT-FRAGMENT", value, 0);
        return new DontFragment();
    }

    @Override
    public int type() {
        return TurnAttributeTypes.DONT_FRAGMENT;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return new byte[0];
    }
}
