package io.peerdial.p2p.base;

import java.util.Objects;

/** A peer sent bytes that are not a valid P2P message; {@link #reason()} says which rule they broke. */
public final class WireFormatException extends Exception {

    /** The rule a message broke. */
    public enum Reason {
        TOO_SHORT, TOO_LONG, BAD_VERSION, BAD_KIND, BAD_FLAGS, BAD_ADDRESS, BAD_PORT
    }

    private final Reason reason;

    public WireFormatException(Reason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
