package io.peerdial.location.map;

import io.peerdial.location.entry.EntryContent;
import io.peerdial.location.entry.EntryKind;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.entry.SignedEntry;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;

/** Signs DHT map values and their removals (slot = first 160 bits of SHA-256(value): set semantics). */
public final class MapEntries {

    private MapEntries() {}

    public static NodeId slotOf(byte[] value) {
        return NodeId.sha256Prefix(value);
    }

    public static SignedEntry value(NodeKeyPair owner, NodeId key, byte[] value, long seq, long issuedAt, long expiresAt) {
        return SignedEntry.sign(owner, new EntryContent(EntryKind.MAP_VALUE, key, OwnerKey.of(owner), slotOf(value),
                seq, issuedAt, expiresAt, false, value, new byte[0]));
    }

    /** A signed removal of {@code value} under {@code key}; {@code seq} must exceed the value's. */
    public static SignedEntry removal(NodeKeyPair owner, NodeId key, byte[] value, long seq, long issuedAt, long expiresAt) {
        return SignedEntry.sign(owner, new EntryContent(EntryKind.MAP_VALUE, key, OwnerKey.of(owner), slotOf(value),
                seq, issuedAt, expiresAt, true, new byte[0], new byte[0]));
    }
}
