package io.peerdial.relay.turn;

import io.peerdial.overlay.stun.StunException;

/** Small helpers for fixed-size attribute values. */
final class TurnValues {
    private TurnValues() {}

    static void requireLength(String name, byte[] value, int length) throws StunException {
        if (value.length != length) {
            throw new StunException(StunException.Reason.BAD_ATTRIBUTE,
                    name + " is " + length + " bytes, got " + value.length);
        }
    }

    static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    static int readShort(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }
}
