package io.peerdial.location.service;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.map.OverlayAccess;
import io.peerdial.location.read.BindingReader;
import io.peerdial.location.read.LookupResult;
import io.peerdial.location.read.VerifiedBinding;
import io.peerdial.location.trust.PinSet;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.location.trust.TrustPolicy;
import io.peerdial.overlay.kademlia.OverlayEvent.ValuesFound;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks AORs up: FIND_VALUE on the AOR's key, then {@link BindingReader} (every signature verified
 * again, holders merged, tombstones applied) and the {@link TrustPolicy} (self-certifying names,
 * domain anchors, trust-on-first-use pins). The first owner seen for a human AOR is pinned
 * and {@code onPinned} is told (to save the pins file); a binding of another key than the pinned
 * one is then refused with a loud WARN (TrustPolicy). Thread-safe (pins are guarded).
 *
 * <pre>{@code
 * Location location = new Location(access, anchors, pins, p -> pinStore.save(p));
 * List<VerifiedBinding> bob = location.lookup(Aor.parse("sip:bob@example.org")).join();
 * }</pre>
 */
public final class Location {

    private static final Logger log = LoggerFactory.getLogger(Location.class);

    /** A lookup's outcome with the overlay's cost of it. */
    public record Found(LookupResult result, int rounds, int requests, int holdersAnswered) {
        public List<VerifiedBinding> bindings() {
            return result.bindings();
        }
    }

    private final OverlayAccess access;
    private final PinSet pins;
    private final TrustPolicy trust;
    private final BindingReader reader;
    private final Consumer<PinSet> onPinned;

    /**
     * @param onPinned called (with the lock held) after a trust-on-first-use pin was added; {@code null} for none
     */
    public Location(OverlayAccess access, TrustAnchors anchors, PinSet pins, Consumer<PinSet> onPinned) {
        this.access = Objects.requireNonNull(access, "access");
        this.pins = Objects.requireNonNull(pins, "pins");
        this.trust = new TrustPolicy(anchors, pins);
        this.reader = new BindingReader(trust);
        this.onPinned = onPinned;
    }

    /** The verified, trusted bindings of {@code aor} (empty when there is none). */
    public CompletableFuture<List<VerifiedBinding>> lookup(Aor aor) {
        return find(aor).thenApply(Found::bindings);
    }

    /** {@link #lookup} with the drop counts and the lookup's rounds. */
    public CompletableFuture<Found> find(Aor aor) {
        Objects.requireNonNull(aor, "aor");
        return access.findValue(aor.dhtKey()).thenApply(found -> read(aor, found));
    }

    private Found read(Aor aor, ValuesFound found) {
        LookupResult result;
        synchronized (pins) {
            result = reader.read(access.now(), aor, found.values());
            Optional<?> pinned = trust.pinOnFirstUse(aor, result.unpinnedOwners());
            if (pinned.isPresent()) {
                log.info("{}: pinned owner key {} on first use", aor, result.unpinnedOwners().get(0).fingerprint());
                if (onPinned != null) onPinned.accept(pins);
            }
        }
        if (result.invalidCount() > 0) log.info("{}: dropped {} invalid value(s) from holders: {}", aor, result.invalidCount(), result.invalid());
        return new Found(result, found.rounds(), found.requests(), found.closest().size());
    }
}
