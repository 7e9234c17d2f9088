package io.peerdial.p2p.base;

import java.util.Objects;

/**
 * Why a P2P API operation failed at run time (API misuse throws {@link IllegalArgumentException} or
 * {@link IllegalStateException} instead). Futures fail with it; blocking methods throw it.
 */
public final class P2PException extends RuntimeException {

    /** The failure classes a caller may want to tell apart. */
    public enum Reason {
        /** The blocking call's timeout passed first (the operation may still complete later). */
        TIMEOUT,
        /** The calling thread was interrupted while it waited (its interrupt flag is set again). */
        INTERRUPTED,
        /** The node, socket or group was closed (or left) before or during the operation. */
        CLOSED,
        /** No live node answered for a key: the overlay is empty or unreachable. */
        NO_ROUTE,
        /** The node closest to a key, or a member, refused or did not acknowledge the message. */
        UNDELIVERED,
        /** A group has no other live member to send to. */
        NO_MEMBERS,
        /** No DHT holder stored a write. */
        NOT_STORED,
        /** Anything else (the cause says what). */
        FAILED
    }

    private final Reason reason;

    public P2PException(Reason reason, String message) {
        this(reason, message, null);
    }

    public P2PException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
