package io.peerdial.location.validation;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.Binding;
import io.peerdial.location.entry.EntryContent;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.entry.SignedEntry;
import io.peerdial.overlay.identity.NodeId;

/**
 * An entry that passed {@link EntryValidator}: its structure, key and owner rules hold.
 *
 * @param encoded the exact bytes received (owned by this record; do not modify)
 * @param aor     the AOR of a binding or binding tombstone; {@code null} for map values
 * @param binding the decoded binding; {@code null} for tombstones and map values
 */
public record ValidEntry(SignedEntry entry, byte[] encoded, Aor aor, Binding binding) {

    public EntryContent content() {
        return entry.content();
    }

    public OwnerKey owner() {
        return entry.content().owner();
    }

    public NodeId slot() {
        return entry.content().slot();
    }

    public long seq() {
        return entry.content().seq();
    }

    public boolean tombstone() {
        return entry.content().tombstone();
    }
}
