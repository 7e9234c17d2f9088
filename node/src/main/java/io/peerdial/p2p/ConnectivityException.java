package io.peerdial.p2p;

/** The peer was found but no connection came up; {@link #outcome()} says at which step. */
public final class ConnectivityException extends P2PException {

    /** Where setting up the connection stopped. */
    public enum Outcome {
        /** The peer (or a node on the way) refused the offer; {@link #sipStatus()} has its answer. */
        REFUSED,
        /** The peer's answer was unusable or its identity proof did not verify. */
        IDENTITY_NOT_VERIFIED,
        /** Every ICE connectivity check failed (RFC 8445 §7.2.5.3.3): no candidate pair works. */
        ICE_CHECKS_FAILED,
        /** ICE did not complete within the configured ICE timeout. */
        ICE_TIMEOUT,
        /** The endpoint was closed during the attempt. */
        CLOSED
    }

    private final Outcome outcome;
    private final int sipStatus;

    public ConnectivityException(Outcome outcome, int sipStatus, String detail) {
        super(outcome + (sipStatus > 0 ? " (SIP " + sipStatus + ")" : "") + ": " + detail);
        this.outcome = outcome;
        this.sipStatus = sipStatus;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The SIP final status behind a {@link Outcome#REFUSED}, else 0. */
    public int sipStatus() {
        return sipStatus;
    }
}
