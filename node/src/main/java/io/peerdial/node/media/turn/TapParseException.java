package io.peerdial.node.media.turn;

/** Bytes on the client↔server leg that are not a well-formed TURN frame; the reason is machine-readable. */
public final class TapParseException extends Exception {

    /** Why a frame or datagram was not understood. */
    public enum Reason {
        /** Fewer bytes than a header, or a length field that runs past the data. */
        TRUNCATED,
        /** The first two bits are neither 00 (STUN, RFC 8489 §5) nor 01 (ChannelData, RFC 8656 §12.4). */
        NOT_TURN,
        /** A STUN header whose cookie or length is wrong (RFC 8489 §5), or an attribute that overruns it (§14). */
        BAD_STUN,
        /** An indication that should carry DATA (RFC 8656 §11.1, §11.4) does not. */
        MISSING_DATA,
        /** An Allocate success response without a usable XOR-RELAYED-ADDRESS or XOR-MAPPED-ADDRESS (RFC 8656 §7.3). */
        BAD_ALLOCATE_RESPONSE
    }

    private final Reason reason;

    public TapParseException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false); // no stack trace: peers can trigger this cheaply
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
