package io.peerdial.location.entry;

/** What the payload of a {@link SignedEntry} holds. Codes are part of the wire format. */
public enum EntryKind {
    /** A user-to-contact binding; slot = device NodeId. */
    BINDING(1),
    /** A value of the generic DHT map; slot = first 160 bits of SHA-256(value) (set semantics). */
    MAP_VALUE(2);

    public final int code;

    EntryKind(int code) {
        this.code = code;
    }

    /** The kind for a wire code, or {@code null} if unknown. */
    public static EntryKind ofCode(int code) {
        for (EntryKind k : values()) if (k.code == code) return k;
        return null;
    }
}
