package io.peerdial.relay.turn;

import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.TransactionId;
import java.util.Arrays;
import java.util.HexFormat;

/** RESERVATION-TOKEN (RFC 8656 §18.10): 8 opaque bytes naming a port reserved by EVEN-PORT R=1. */
public record ReservationToken(byte[] token) implements StunAttribute {
    public static final int LENGTH = 8;

    public ReservationToken {
        if (token.length != LENGTH) {
            throw new IllegalArgumentException("RESERVATION-TOKEN is 8 bytes, got " + token.length);
        }
        token = token.clone();
    }

    public static ReservationToken decode(byte[] value, TransactionId transactionId) throws StunException {
        TurnValues.requireLength("RESERVATION-TOKEN", value, LENGTH);
        return new ReservationToken(value);
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    @Override
    public int type() {
        return TurnAttributeTypes.RESERVATION_TOKEN;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return token.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReservationToken r && Arrays.equals(token, r.token);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(token);
    }

    @Override
    public String toString() {
        return "ReservationToken[" + HexFormat.of().formatHex(token) + "]";
    }
}
