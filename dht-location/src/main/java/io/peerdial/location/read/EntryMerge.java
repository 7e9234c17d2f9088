package io.peerdial.location.read;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.validation.ValidEntry;
import io.peerdial.overlay.identity.NodeId;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merges verified entries from several holders: per (owner, slot) the highest seq wins. */
public final class EntryMerge {

    private record Slot(OwnerKey owner, NodeId slot) {}

    /** Winners, and how many copies lost. */
    public record Merged(List<ValidEntry> winners, int superseded) {}

    private EntryMerge() {}

    public static Merged merge(Collection<ValidEntry> entries) {
        Map<Slot, ValidEntry> best = new LinkedHashMap<>();
        int superseded = 0;
        for (ValidEntry e : entries) {
            Slot s = new Slot(e.owner(), e.slot());
            ValidEntry current = best.get(s);
            if (current == null) {
                best.put(s, e);
                continue;
            }
            superseded++;
            int c = Long.compareUnsigned(e.seq(), current.seq());
            // Same seq, different bytes: the owner signed two versions; pick one deterministically
            // (smaller encoding) so every reader agrees whatever the holders' order.
            if (c > 0 || (c == 0 && Arrays.compare(e.encoded(), current.encoded()) < 0)) best.put(s, e);
        }
        return new Merged(List.copyOf(best.values()), superseded);
    }
}
