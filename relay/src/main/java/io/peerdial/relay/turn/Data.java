package io.peerdial.relay.turn;

import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.TransactionId;
import java.util.Arrays;

/** DATA (RFC 8656 §18.4): the application payload of a Send or Data indication. */
public record Data(byte[] bytes) implements StunAttribute {

    public Data {
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("DATA longer than 65535 bytes");
        }
        bytes = bytes.clone();
    }

    public static Data decode(byte[] value, TransactionId transactionId) {
        return new Data(value);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Length without a copy. */
    public int length() {
        return bytes.length;
    }

    @Override
    public int type() {
        return TurnAttributeTypes.DATA;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Data d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Data[" + bytes.length + " bytes]";
    }
}
