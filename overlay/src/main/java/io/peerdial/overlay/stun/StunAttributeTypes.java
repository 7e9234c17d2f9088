package io.peerdial.overlay.stun;

/** Attribute type numbers of RFC 8489 §18.3 that this codec knows. */
public final class StunAttributeTypes {
    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;

    private StunAttributeTypes() {}

    /** RFC 8489 §14: comprehension-required range 0x0000-0x7FFF. */
    public static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }
}
