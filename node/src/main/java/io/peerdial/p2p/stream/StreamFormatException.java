package io.peerdial.p2p.stream;

import java.util.Objects;

/** A datagram that is not a valid stream segment; {@link #reason()} says what is wrong with it. */
public final class StreamFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a datagram was refused. */
    public enum Reason {
        /** Shorter than the smallest segment. */
        TOO_SHORT,
        /** Longer than {@link SegmentCodec#MAX_DATAGRAM}. */
        TOO_LONG,
        /** The CRC32C trailer does not match. */
        BAD_CHECKSUM,
        /** A version this codec does not speak. */
        UNKNOWN_VERSION,
        /** A segment type this codec does not know. */
        UNKNOWN_TYPE,
        /** A field runs past the end of the datagram. */
        TRUNCATED,
        /** Bytes left over after the last field. */
        TRAILING_BYTES,
        /** An offset or limit is negative or above {@link SegmentCodec#MAX_OFFSET}. */
        BAD_OFFSET,
        /** A DATA segment with no payload. */
        EMPTY_DATA,
        /** More SACK ranges than {@link AckInfo#MAX_SACK_RANGES}. */
        TOO_MANY_SACK_RANGES,
        /** SACK ranges empty, not above the cumulative point, out of order or touching. */
        BAD_SACK_RANGE
    }

    private final Reason reason;

    public StreamFormatException(Reason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
