package io.peerdial.overlay.stun;

/**
 * STUN method numbers (12 bits) defined by RFC 8489 §18.2. TURN (RFC 8656 §17) adds its own in
 * {@code relay}; the codec accepts any 12-bit method.
 */
public final class StunMethods {
    /** RFC 8489 §18.2. */
    public static final int BINDING = 0x001;

    private StunMethods() {}
}
