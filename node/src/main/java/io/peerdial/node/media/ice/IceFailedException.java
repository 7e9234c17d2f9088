package io.peerdial.node.media.ice;

/** An ICE run ended without a selected pair. */
public final class IceFailedException extends Exception {

    public enum Reason {
        /** ice4j's checks all failed (RFC 8445 §7.2.5.3.3 / §8.1.2: the check list is Failed). */
        CHECKS_FAILED,
        /** Not COMPLETED within {@link IceConfig#failAfter()}. */
        TIMEOUT,
        /** The session was closed first. */
        CLOSED,
        /** An ICE restart replaced this run before it completed. */
        SUPERSEDED
    }

    private final Reason reason;
    private final int generation;

    public IceFailedException(Reason reason, int generation, String detail) {
        super(reason + " (generation " + generation + "): " + detail);
        this.reason = reason;
        this.generation = generation;
    }

    public Reason reason() {
        return reason;
    }

    public int generation() {
        return generation;
    }
}
