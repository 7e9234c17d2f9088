package io.peerdial.location.entry;

/**
 * Bytes from a peer are not a valid signed entry, binding payload or domain certificate. The only
 * exception the decoders throw on peer input; the reason is machine-readable and counted.
 */
public final class EntryFormatException extends Exception {

    public enum Reason {
        TRUNCATED,
        OVERSIZED,
        UNSUPPORTED_VERSION,
        UNKNOWN_KIND,
        RESERVED_FLAGS,
        BAD_FIELD,
        BAD_AOR,
        TRAILING_BYTES
    }

    private final Reason reason;

    public EntryFormatException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false); // no stack trace: peers can trigger this cheaply
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
