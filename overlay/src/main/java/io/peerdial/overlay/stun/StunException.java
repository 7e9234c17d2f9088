package io.peerdial.overlay.stun;

/** A peer sent bytes that are not a valid STUN message (RFC 8489 §5, §14). The reason is machine-readable. */
public final class StunException extends Exception {

    /** Why a datagram was rejected; counted per reason by the runtime. */
    public enum Reason {
        /** Fewer than 20 header bytes, or an attribute runs past the end of the message. */
        TRUNCATED,
        /** More bytes than the decoder's configured maximum message size. */
        OVERSIZED,
        /** The two most significant bits of the message type are not zero (RFC 8489 §5). */
        BAD_HEADER,
        /** The magic cookie is not 0x2112A442 (RFC 8489 §5). */
        BAD_COOKIE,
        /** The header's length is not a multiple of 4 or differs from the bytes that follow it. */
        BAD_LENGTH,
        /** A known attribute has a value that breaks its definition (RFC 8489 §14). */
        BAD_ATTRIBUTE,
        /** An attribute follows FINGERPRINT, which must be last (RFC 8489 §14.7). */
        ATTRIBUTE_AFTER_FINGERPRINT
    }

    private final Reason reason;

    public StunException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false); // no stack trace: peers can trigger this cheaply
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
