package io.peerdial.overlay.stun;

import java.util.Objects;

/**
 * The 14-bit message type: a class and a 12-bit method, whose bits are interleaved on the wire
 * (RFC 8489 §5, Figure 3: M11..M7 C1 M6..M4 C0 M3..M0).
 */
public record StunMessageType(StunClass messageClass, int method) {

    public StunMessageType {
        Objects.requireNonNull(messageClass, "messageClass");
        if (method < 0 || method > 0xFFF) {
            throw new IllegalArgumentException("method is 12 bits: " + method);
        }
    }

    public static StunMessageType of(StunClass messageClass, int method) {
        return new StunMessageType(messageClass, method);
    }

    /** The 16-bit field as sent, with its two leading zero bits. */
    public int toWire() {
        int c = messageClass.bits();
        return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
                | ((c & 0b01) << 4) | ((c & 0b10) << 7);
    }

    /** Inverse of {@link #toWire()}; the caller has checked that the two leading bits are zero. */
    static StunMessageType fromWire(int type) {
        int method = (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
        int c = ((type >> 4) & 0b01) | ((type >> 7) & 0b10);
        return new StunMessageType(StunClass.ofBits(c), method);
    }

    public boolean is(StunClass c, int m) {
        return messageClass == c && method == m;
    }
}
