package io.peerdial.node.sip.rendezvous;

/** A flow registration a super-node refuses (answered 403, or 503 when full). */
public final class RendezvousException extends Exception {

    public enum Reason {
        /** The REGISTER's From/To does not name the node that signed it: someone else's flow. */
        NOT_SIGNER,
        /** From/To is not a flow-token URI. */
        MALFORMED,
        /** The table holds as many flows as it may. */
        FULL
    }

    private final Reason reason;

    public RendezvousException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
