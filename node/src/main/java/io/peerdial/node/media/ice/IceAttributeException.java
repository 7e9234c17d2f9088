package io.peerdial.node.media.ice;

/** A peer's ICE SDP attributes break RFC 8839 §5 or our limits. */
public final class IceAttributeException extends Exception {

    public enum Reason {
        /** More attributes, candidates or extensions than we accept, or a value too long. */
        TOO_LONG,
        /** A candidate line that does not follow the §5.1 grammar. */
        MALFORMED_CANDIDATE,
        BAD_FOUNDATION,
        BAD_COMPONENT_ID,
        BAD_PRIORITY,
        BAD_ADDRESS,
        BAD_PORT,
        /** A transport other than UDP: RFC 8839 §5.1 says to ignore such candidates. */
        UNSUPPORTED_TRANSPORT,
        /** A candidate type other than host/srflx/prflx/relay: ignored like an unknown transport. */
        UNKNOWN_TYPE,
        /** ice-ufrag or ice-pwd missing, empty of ice-chars or of the wrong length (§5.4). */
        BAD_CREDENTIALS,
        /** ice-ufrag, ice-pwd or ice-options given twice. */
        DUPLICATE_ATTRIBUTE,
        BAD_OPTIONS,
        /** end-of-candidates carrying a value (§5.5: it has none). */
        BAD_END_OF_CANDIDATES
    }

    private final Reason reason;

    public IceAttributeException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Reasons for which RFC 8839 §5.1 says to ignore the one candidate rather than the whole offer. */
    boolean ignorable() {
        return reason == Reason.UNSUPPORTED_TRANSPORT || reason == Reason.UNKNOWN_TYPE;
    }
}
