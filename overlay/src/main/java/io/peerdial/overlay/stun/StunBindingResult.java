package io.peerdial.overlay.stun;

import java.util.Objects;

/**
 * What {@link StunBindingResponder} made of one datagram: the bytes to send back to the sender (or
 * null) and an outcome the caller counts.
 */
public record StunBindingResult(Outcome outcome, byte[] response, StunException.Reason malformedReason) {

    public enum Outcome {
        /** Success response with XOR-MAPPED-ADDRESS. */
        ANSWERED,
        /** 420 error response listing unknown comprehension-required attributes (RFC 8489 §6.3.1). */
        UNKNOWN_ATTRIBUTES,
        /** Not a STUN message, or a broken one (see {@link #malformedReason()}); silently dropped (RFC 8489 §6.3). */
        MALFORMED,
        /** A FINGERPRINT was present and wrong (RFC 8489 §7.3); dropped. */
        BAD_FINGERPRINT,
        /** A Binding indication (keep-alive, RFC 8489 §6.3.2): nothing to answer. */
        INDICATION,
        /** A valid STUN message this responder does not answer: a response, or another method. */
        NOT_A_BINDING_REQUEST
    }

    public StunBindingResult {
        Objects.requireNonNull(outcome, "outcome");
        if ((response != null) != (outcome == Outcome.ANSWERED || outcome == Outcome.UNKNOWN_ATTRIBUTES)) {
            throw new IllegalArgumentException(outcome + " with response " + (response != null));
        }
        if ((malformedReason != null) != (outcome == Outcome.MALFORMED)) {
            throw new IllegalArgumentException(outcome + " with reason " + malformedReason);
        }
    }

    static StunBindingResult reply(Outcome outcome, byte[] response) {
        return new StunBindingResult(outcome, response, null);
    }

    static StunBindingResult drop(Outcome outcome) {
        return new StunBindingResult(outcome, null, null);
    }

    static StunBindingResult malformed(StunException.Reason reason) {
        return new StunBindingResult(Outcome.MALFORMED, null, reason);
    }

    public boolean hasResponse() {
        return response != null;
    }
}
