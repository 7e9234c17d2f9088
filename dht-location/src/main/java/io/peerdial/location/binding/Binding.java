package io.peerdial.location.binding;

import io.peerdial.overlay.identity.NodeId;
import java.util.List;
import java.util.Objects;

/**
 * The payload of a {@code BINDING} entry: where the device {@code device} of the user at
 * {@code aor} can be reached. The entry around it carries owner, seq, lifetime and signature;
 * its key must be {@code aor.dhtKey()} and its slot {@code device}.
 *
 * @param capabilities a bit set of {@link Capability} masks; unknown bits are preserved
 */
public record Binding(Aor aor, NodeId device, Reachability reachability, int capabilities, List<BindingContact> contacts) {

    public static final int MAX_CONTACTS = 8;

    public Binding {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(reachability, "reachability");
        contacts = List.copyOf(contacts);
        if (contacts.size() > MAX_CONTACTS) {
            throw new IllegalArgumentException(contacts.size() + " contacts, at most " + MAX_CONTACTS);
        }
        if (capabilities < 0 || capabilities > 0xFFFF) throw new IllegalArgumentException("capabilities are 16 bits");
    }

    public boolean has(Capability capability) {
        return (capabilities & capability.mask()) != 0;
    }
}
