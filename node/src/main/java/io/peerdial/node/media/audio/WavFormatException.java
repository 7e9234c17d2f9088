package io.peerdial.node.media.audio;

/** A WAV file this package will not read. The reason is machine-readable. */
public final class WavFormatException extends Exception {

    /** Why a file was refused. */
    public enum Reason {
        /** More than {@link WavFile#MAX_BYTES}. */
        TOO_LARGE,
        /** Shorter than its RIFF header says, or than a RIFF header. */
        TRUNCATED,
        /** Does not start with "RIFF". */
        NOT_RIFF,
        /** The RIFF form type is not "WAVE". */
        NOT_WAVE,
        /** A chunk header is cut short or a chunk runs past the end of the RIFF chunk. */
        BAD_CHUNK,
        /** A second "fmt " or "data" chunk. */
        DUPLICATE_CHUNK,
        /** No "fmt " chunk before the "data" chunk. */
        MISSING_FMT,
        /** No "data" chunk. */
        MISSING_DATA,
        /** The "fmt " chunk is too short or its byte rate / block align contradict the rest. */
        BAD_FMT,
        /** Not plain PCM (format tag 1). */
        UNSUPPORTED_FORMAT,
        /** Not mono or stereo. */
        UNSUPPORTED_CHANNELS,
        /** Not 8000, 16000 or 48000 Hz. */
        UNSUPPORTED_RATE,
        /** Not 16 bits per sample. */
        UNSUPPORTED_BITS,
        /** The data chunk does not hold a whole number of sample frames. */
        BAD_DATA_LENGTH
    }

    private final Reason reason;

    public WavFormatException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
