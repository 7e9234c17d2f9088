package io.peerdial.node.media.audio;

/** A peer sent an audio payload that the codec cannot decode. The reason is machine-readable. */
public final class AudioDecodeException extends Exception {

    /** Why a payload was rejected. */
    public enum Reason {
        /** A zero-length payload (RFC 3551 §4.5.14 and RFC 6716 §3.2: a frame has at least one byte). */
        EMPTY,
        /** More bytes than the codec accepts in one packet. */
        TOO_LONG,
        /** The codec's decoder refused the bytes (e.g. an invalid Opus TOC or frame lengths, RFC 6716 §3.4). */
        MALFORMED
    }

    private final Reason reason;

    public AudioDecodeException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false); // no stack trace: peers can trigger this cheaply
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
