package io.peerdial.relay.wire;

/**
 * A peer sent bytes that are not a valid relay-overlay message (receipt, credential exchange,
 * advert): the one exception their decoders and verifiers throw on peer input.
 */
public final class RelayWireException extends Exception {

    /** Why the input was refused; stable names, logged and counted by callers. */
    public enum Reason {
        /** Fewer bytes than the format needs. */
        TRUNCATED,
        /** Bytes after the end of the message. */
        TRAILING_BYTES,
        /** More bytes than the format allows at all. */
        OVERSIZED,
        /** A version this code does not speak. */
        UNKNOWN_VERSION,
        /** A message type byte of another message. */
        UNKNOWN_TYPE,
        /** A field out of its range (negative count, bad address family, non-ASCII text, ...). */
        BAD_FIELD,
        /** The signature does not verify under the key the message names. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public RelayWireException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
