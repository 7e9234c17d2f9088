package io.peerdial.relay.credentials;

/** A well-formed credential exchange message that the receiver refuses. */
public final class CredentialException extends Exception {

    public enum Reason {
        /** A request for another relay, or a grant from a key that is not the expected relay's. */
        WRONG_RELAY,
        /** The request's time is further from the relay's clock than the allowed skew. */
        STALE,
        /** The same (requester, nonce) was seen within the skew window. */
        REPLAYED,
        /** The replay cache is full: try later. */
        BUSY,
        /** A grant for another node, or for no request of ours (unknown nonce). */
        UNEXPECTED,
        /** The grant is already expired when it arrives. */
        EXPIRED
    }

    private final Reason reason;

    public CredentialException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
