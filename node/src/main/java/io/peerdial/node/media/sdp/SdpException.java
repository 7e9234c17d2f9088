package io.peerdial.node.media.sdp;

/** Peer input that is not an acceptable session description; {@link #reason()} says which rule it broke. */
public final class SdpException extends Exception {

    public enum Reason {
        TOO_LARGE, BAD_ENCODING, BAD_LINE, MISSING_VERSION, BAD_VERSION, MISSING_ORIGIN, BAD_ORIGIN,
        BAD_CONNECTION, BAD_MEDIA, BAD_PORT, BAD_RTPMAP, BAD_FMTP, BAD_PTIME, TOO_MANY_MEDIA,
        TOO_MANY_ATTRIBUTES, TOO_MANY_FORMATS
    }

    private final Reason reason;

    public SdpException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
