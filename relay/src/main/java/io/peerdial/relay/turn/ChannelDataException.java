package io.peerdial.relay.turn;

/** Bytes that are not a valid ChannelData message (RFC 8656 §12.4). The reason is machine-readable. */
public final class ChannelDataException extends Exception {

    public enum Reason {
        /** Fewer than the 4 header bytes, or fewer payload bytes than the length field says (§12.5: discard). */
        TRUNCATED,
        /** The first two bits are not 0b01: not ChannelData at all (RFC 7983 §7 demultiplexing). */
        NOT_CHANNEL_DATA,
        /** A frame longer than the configured limit. */
        OVERSIZED
    }

    private final Reason reason;

    public ChannelDataException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false); // no stack trace: peers trigger this cheaply
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
