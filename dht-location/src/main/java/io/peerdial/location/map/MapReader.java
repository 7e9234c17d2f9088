package io.peerdial.location.map;

import io.peerdial.location.entry.EntryKind;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.read.EntryMerge;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.location.validation.EntryValidator;
import io.peerdial.location.validation.ValidEntry;
import io.peerdial.overlay.identity.NodeId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The reader's side of the map: every raw value a holder returned is validated and its signature
 * verified again; bindings and invalid values are dropped; per (owner, slot) the highest seq wins;
 * tombstones hide. Thread-safe (the validator's key cache is guarded).
 */
public final class MapReader {

    private final EntryValidator validator = new EntryValidator(TrustAnchors.none());
    private int dropped;

    /** Values under {@code key} at {@code now}, of {@code owner} only ({@code null}: any owner). */
    public synchronized List<MapValue> read(long now, NodeId key, Collection<byte[]> raw, OwnerKey owner) {
        List<ValidEntry> valid = new ArrayList<>(raw.size());
        for (byte[] bytes : raw) {
            EntryValidator.Result r = validator.check(now, key, bytes);
            if (!r.valid() || r.entry().content().kind() != EntryKind.MAP_VALUE) {
                dropped++;
            } else if (owner == null || owner.equals(r.entry().owner())) {
                valid.add(r.entry());
            }
        }
        List<MapValue> out = new ArrayList<>();
        for (ValidEntry e : EntryMerge.merge(valid).winners()) {
            if (e.tombstone()) continue;
            var c = e.content();
            out.add(new MapValue(c.owner(), c.payload(), c.seq(), c.expiresAt()));
        }
        return out;
    }

    /** Values dropped as invalid so far (tampered, expired, misplaced, or not map values). */
    public synchronized int droppedCount() {
        return dropped;
    }
}
