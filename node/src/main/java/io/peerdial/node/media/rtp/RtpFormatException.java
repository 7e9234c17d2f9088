package io.peerdial.node.media.rtp;

/** A peer sent bytes that are not a valid RTP packet (RFC 3550 §5.1). The reason is machine-readable. */
public final class RtpFormatException extends Exception {

    /** Why a datagram was rejected; a media bridge counts drops per reason. */
    public enum Reason {
        /** Longer than {@link RtpCodec#MAX_PACKET_SIZE}. */
        OVERSIZED,
        /** Shorter than the 12-byte fixed header. */
        TRUNCATED_HEADER,
        /** Version field is not 2. */
        BAD_VERSION,
        /** The CSRC count claims more identifiers than the datagram holds. */
        TRUNCATED_CSRC,
        /** The X bit is set but the extension header or its data runs past the end. */
        TRUNCATED_EXTENSION,
        /** The P bit is set but the pad count is zero or larger than what follows the header. */
        BAD_PADDING
    }

    private final Reason reason;

    public RtpFormatException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false); // no stack trace: peers can trigger this cheaply
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
