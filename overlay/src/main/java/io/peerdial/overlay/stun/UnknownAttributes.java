package io.peerdial.overlay.stun;

import java.util.ArrayList;
import java.util.List;

/** UNKNOWN-ATTRIBUTES (RFC 8489 §14.13): the 16-bit types a 420 response could not understand. */
public record UnknownAttributes(List<Integer> types) implements StunAttribute {

    public UnknownAttributes {
        types = List.copyOf(types);
        for (int t : types) {
            if (t < 0 || t > 0xFFFF) {
                throw new IllegalArgumentException("attribute type is 16 bits: " + t);
            }
        }
    }

    static UnknownAttributes decode(byte[] value, TransactionId transactionId) throws StunException {
        if (value.length % 2 != 0) {
            throw new StunException(StunException.Reason.BAD_ATTRIBUTE, "UNKNOWN-ATTRIBUTES of odd length");
        }
        List<Integer> types = new ArrayList<>(value.length / 2);
        for (int i = 0; i < value.length; i += 2) {
            types.add(((value[i] & 0xFF) << 8) | (value[i + 1] & 0xFF));
        }
        return new UnknownAttributes(types);
    }

    @Override
    public int type() {
        return StunAttributeTypes.UNKNOWN_ATTRIBUTES;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        byte[] value = new byte[types.size() * 2];
        for (int i = 0; i < types.size(); i++) {
            value[2 * i] = (byte) (types.get(i) >>> 8);
            value[2 * i + 1] = types.get(i).byteValue();
        }
        return value;
    }
}
