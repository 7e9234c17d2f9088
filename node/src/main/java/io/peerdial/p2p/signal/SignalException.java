package io.peerdial.p2p.signal;

/** A peer's P2P session description or identity proof was unusable; {@link #reason()} says why. */
public final class SignalException extends Exception {

    /** Why a description was refused. */
    public enum Reason {
        /** Not parsable SDP, or no live {@code m=application} section. */
        BAD_SDP,
        /** The ICE attributes do not decode (RFC 8839 §5). */
        BAD_ICE,
        /** No identity proof attribute, or a malformed one. */
        NO_PROOF,
        /** The proof's key does not certify the claimed self-certifying AOR. */
        KEY_MISMATCH,
        /** The proof's time is outside the accepted window. */
        STALE,
        /** The signature does not verify. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public SignalException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
