package io.peerdial.node.media.rtp;

/** A peer sent bytes that are not a valid compound RTCP packet (RFC 3550 §6.1, A.2). */
public final class RtcpFormatException extends Exception {

    /** Why a datagram was rejected. */
    public enum Reason {
        /** Longer than {@link RtcpCodec#MAX_COMPOUND_SIZE}. */
        OVERSIZED,
        /** Empty, or a header or a packet body runs past the end of the datagram. */
        TRUNCATED,
        /** Version field is not 2. */
        BAD_VERSION,
        /** The compound does not start with an SR or RR (§6.1). */
        BAD_FIRST_PACKET,
        /** Datagram length not a multiple of 4, or a packet too short for its report/source count. */
        BAD_LENGTH,
        /** Padding on a packet other than the last (§6.4.1), or a pad count of zero or too large. */
        BAD_PADDING,
        /** SDES chunk or item list malformed (§6.5). */
        BAD_SDES,
        /** BYE reason runs past the packet (§6.6). */
        BAD_BYE,
        /** SDES or BYE text is not UTF-8. */
        BAD_TEXT
    }

    private final Reason reason;

    public RtcpFormatException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
