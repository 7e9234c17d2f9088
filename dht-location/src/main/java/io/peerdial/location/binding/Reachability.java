package io.peerdial.location.binding;

/** How a device can be reached (RFC 5780-style classification, ARCHITECTURE.md). Codes are wire values. */
public enum Reachability {
    UNKNOWN(0),
    PUBLIC(1),
    CONE(2),
    SYMMETRIC(3),
    UDP_BLOCKED(4);

    public final int code;

    Reachability(int code) {
        this.code = code;
    }

    public static Reachability ofCode(int code) {
        for (Reachability r : values()) if (r.code == code) return r;
        return null;
    }
}
