package io.peerdial.relay.receipt;

/** A well-formed, correctly signed receipt the relay still refuses to keep. */
public final class ReceiptException extends Exception {

    public enum Reason {
        /** Names another relay: a receipt is proof only for the relay it names. */
        WRONG_RELAY,
        /** No open session with that id at this relay. */
        UNKNOWN_SESSION,
        /** Signed by a key other than the session's client. */
        WRONG_CLIENT,
        /** Not newer than the kept receipt of its session (a replay, or a reordered copy). */
        REPLAYED,
        /** Newer, but a counter went down: cumulative receipts never shrink. */
        REGRESSED,
        /** Issued further in the future than the allowed clock skew. */
        FROM_FUTURE,
        /** The signature does not verify. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public ReceiptException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
