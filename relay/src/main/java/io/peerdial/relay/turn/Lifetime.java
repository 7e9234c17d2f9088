package io.peerdial.relay.turn;

import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.TransactionId;

/** LIFETIME (RFC 8656 §18.2): seconds until the allocation expires, a 32-bit unsigned number. */
public record Lifetime(long seconds) implements StunAttribute {

    public Lifetime {
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("LIFETIME is 32 bits unsigned: " + seconds);
        }
    }

    public static Lifetime decode(byte[] value, TransactionId transactionId) throws StunException {
        TurnValues.requireLength("LIFETIME", value, 4);
        return new Lifetime(TurnValues.readInt(value, 0) & 0xFFFF_FFFFL);
    }

    @Override
    public int type() {
        return TurnAttributeTypes.LIFETIME;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return new byte[] {(byte) (seconds >>> 24), (byte) (seconds >>> 16), (byte) (seconds >>> 8), (byte) seconds};
    }
}
