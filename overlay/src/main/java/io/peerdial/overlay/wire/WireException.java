package io.peerdial.overlay.wire;

/** A peer sent bytes that are not a valid overlay message. The reason is machine-readable. */
public final class WireException extends Exception {

    /** Why a datagram was rejected; counted per reason by the runtime. */
    public enum Reason {
        TRUNCATED,
        OVERSIZED,
        BAD_MAGIC,
        UNSUPPORTED_VERSION,
        UNKNOWN_TYPE,
        RESERVED_FLAGS,
        BAD_ADDRESS,
        BAD_FIELD,
        TRAILING_BYTES
    }

    private final Reason reason;

    public WireException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false); // no stack trace: peers can trigger this cheaply
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
