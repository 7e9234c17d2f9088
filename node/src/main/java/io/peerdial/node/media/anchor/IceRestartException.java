package io.peerdial.node.media.anchor;

/** A node-originated ICE restart body (docs/MEDIA.md "Relay failover") that breaks the format or our limits. */
public final class IceRestartException extends Exception {

    public enum Reason {
        /** Larger than {@link IceRestartBody#MAX_BYTES}, or a line or the Call-ID longer than allowed. */
        TOO_LARGE,
        /** Not UTF-8, or a line that is not {@code a=name[:value]}. */
        MALFORMED_LINE,
        /** No x-peerdial-call-id, or one that is empty or holds characters a Call-ID cannot (RFC 3261 §25.1 word). */
        BAD_CALL_ID,
        /** x-peerdial-call-id or x-peerdial-auth given twice. */
        DUPLICATE,
        /** No x-peerdial-auth, not the last line, or not 43 base64url characters (HMAC-SHA256). */
        BAD_AUTH,
        /** The ICE attributes break RFC 8839 §5. */
        BAD_ICE
    }

    private final Reason reason;

    public IceRestartException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public IceRestartException(Reason reason, String detail, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
