package io.peerdial.location.trust;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.OwnerKey;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Trust-on-first-use pins: AOR to the one owner key accepted for it (as SSH's known_hosts). In
 * memory; {@code io.peerdial.location.io.PinStore} loads and saves it. Not thread-safe: owned by
 * the node's event loop.
 */
public final class PinSet {

    private final Map<Aor, OwnerKey> pins = new TreeMap<>();

    public Optional<OwnerKey> pinned(Aor aor) {
        return Optional.ofNullable(pins.get(aor));
    }

    /** Pins {@code owner} for {@code aor}, replacing any earlier pin (explicit user action). */
    public void pin(Aor aor, OwnerKey owner) {
        pins.put(aor, owner);
    }

    /** Pins only if nothing is pinned yet; true if it did. */
    public boolean pinIfAbsent(Aor aor, OwnerKey owner) {
        return pins.putIfAbsent(aor, owner) == null;
    }

    public boolean unpin(Aor aor) {
        return pins.remove(aor) != null;
    }

    /** A sorted copy, for saving. */
    public Map<Aor, OwnerKey> snapshot() {
        return new TreeMap<>(pins);
    }

    public int size() {
        return pins.size();
    }
}
