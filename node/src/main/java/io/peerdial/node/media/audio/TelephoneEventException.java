package io.peerdial.node.media.audio;

/** A peer sent a telephone-event payload that breaks RFC 4733 §2.3. The reason is machine-readable. */
public final class TelephoneEventException extends Exception {

    /** Why a payload was rejected. */
    public enum Reason {
        /** Fewer than the 4 bytes of one event (RFC 4733 §2.3). */
        TRUNCATED,
        /** More than 4 bytes: one RTP packet carries one event; redundancy goes through RFC 2198 instead. */
        TRAILING_BYTES
    }

    private final Reason reason;

    public TelephoneEventException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false); // no stack trace: peers can trigger this cheaply
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
