package io.peerdial.node.sip;

/** A peer's node signature is missing, malformed, stale, replayed or wrong: answered with 403. */
public final class SignatureException extends Exception {

    public enum Reason { MISSING, MALFORMED, KEY_MISMATCH, BAD_SIGNATURE, STALE, REPLAY, UNEXPECTED_NODE }

    private final Reason reason;

    public SignatureException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
