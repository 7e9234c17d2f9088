package io.peerdial.overlay.stun;

/** The four message classes (RFC 8489 §5), with their two class bits C1 C0. */
public enum StunClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11);

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    /** The value of C1 C0 as a two-bit number. */
    public int bits() {
        return bits;
    }

    static StunClass ofBits(int bits) {
        return values()[bits & 0b11]; // declaration order equals bit order
    }
}
