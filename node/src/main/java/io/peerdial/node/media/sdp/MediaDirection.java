package io.peerdial.node.media.sdp;

import java.util.Locale;

/** The direction attributes of RFC 8866 §6.7 / RFC 3264 §5.1, from the point of view of the side that wrote them. */
public enum MediaDirection {
    SENDRECV(true, true), SENDONLY(true, false), RECVONLY(false, true), INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    MediaDirection(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    public boolean sends() {
        return sends;
    }

    public boolean receives() {
        return receives;
    }

    public static MediaDirection of(boolean sends, boolean receives) {
        return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
    }

    /** What the other side does when this side does this: sendonly ↔ recvonly (RFC 3264 §6.1). */
    public MediaDirection reversed() {
        return of(receives, sends);
    }

    /** Both constraints at once: sends only if both allow sending, receives only if both allow receiving. */
    public MediaDirection and(MediaDirection other) {
        return of(sends && other.sends, receives && other.receives);
    }

    public String attributeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction an attribute name stands for, or null when it is not one. */
    static MediaDirection fromAttribute(String name) {
        return switch (name) {
            case "sendrecv" -> SENDRECV;
            case "sendonly" -> SENDONLY;
            case "recvonly" -> RECVONLY;
            case "inactive" -> INACTIVE;
            default -> null;
        };
    }
}
