package io.peerdial.overlay.storage;

/**
 * Typed outcome of a STORE, carried back to the writer in {@code StoreResult.status}. The codes
 * are part of the wire format (docs/PROTOCOL.md); add new ones at the end.
 */
public enum StoreStatus {
    STORED(0),
    MALFORMED(1),
    BAD_SIGNATURE(2),
    EXPIRED(3),
    STALE_SEQ(4),
    LIFETIME_TOO_LONG(5),
    TOO_LARGE(6),
    KEY_FULL(7),
    STORAGE_FULL(8),
    RATE_LIMITED(9),
    BAD_TOKEN(10),
    WRONG_KEY(11),
    UNTRUSTED_OWNER(12),
    NOT_ACCEPTED(13);

    public final int code;

    StoreStatus(int code) {
        this.code = code;
    }

    /** The status for a wire code, or {@code null} if unknown. */
    public static StoreStatus ofCode(int code) {
        for (StoreStatus s : values()) if (s.code == code) return s;
        return null;
    }
}
