package io.peerdial.location.trust;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.OwnerKey;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for a reader, whether to believe that {@code owner} speaks for {@code aor}. Order of the
 * rules: a self-certifying AOR trusts only its own key; a domain with a trust anchor trusts only
 * certified keys; otherwise the pin decides (PINNED / PIN_MISMATCH), or UNPINNED when there is none.
 */
public final class TrustPolicy {

    private static final Logger log = LoggerFactory.getLogger(TrustPolicy.class);

    private final TrustAnchors anchors;
    private final PinSet pins;
    private final boolean refusePinMismatch;

    /** @param refusePinMismatch true (the default) refuses bindings of another key than the pinned one; false only warns */
    public TrustPolicy(TrustAnchors anchors, PinSet pins, boolean refusePinMismatch) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.pins = Objects.requireNonNull(pins, "pins");
        this.refusePinMismatch = refusePinMismatch;
    }

    public TrustPolicy(TrustAnchors anchors, PinSet pins) {
        this(anchors, pins, true);
    }

    public TrustLevel evaluate(long now, Aor aor, OwnerKey owner, byte[] certificate) {
        if (aor.selfCertifyingFingerprint().isPresent()) {
            return aor.isCertifiedBy(owner) ? TrustLevel.SELF_CERTIFIED : TrustLevel.FINGERPRINT_MISMATCH;
        }
        if (anchors.governs(aor)) {
            return anchors.refusal(aor, owner, certificate, now) == null ? TrustLevel.DOMAIN : TrustLevel.UNTRUSTED_DOMAIN;
        }
        Optional<OwnerKey> pin = pins.pinned(aor);
        if (pin.isEmpty()) return TrustLevel.UNPINNED;
        if (pin.get().equals(owner)) return TrustLevel.PINNED;
        // Loud on purpose: either the user changed keys or someone impersonates them.
        log.warn("{} is pinned to key {} but a binding is signed by {}: {}", aor, pin.get().fingerprint(),
                owner.fingerprint(), refusePinMismatch ? "refused (unpin to accept the new key)" : "accepted (warn-only policy)");
        return TrustLevel.PIN_MISMATCH;
    }

    public boolean accepts(TrustLevel level) {
        return level.acceptedByDefault() || (level == TrustLevel.PIN_MISMATCH && !refusePinMismatch);
    }

    /**
     * Trust on first use: pins the owner of {@code aor} if nothing is pinned yet and exactly one
     * owner published UNPINNED bindings. Several owners at first sight are ambiguous: nothing is
     * pinned and the caller should ask the user.
     */
    public Optional<OwnerKey> pinOnFirstUse(Aor aor, Collection<OwnerKey> unpinnedOwners) {
        Set<OwnerKey> distinct = unpinnedOwners.stream().collect(Collectors.toSet());
        if (distinct.size() != 1 || pins.pinned(aor).isPresent()) {
            if (distinct.size() > 1) log.warn("{} has {} different owner keys at first use: nothing pinned", aor, distinct.size());
            return Optional.empty();
        }
        OwnerKey owner = distinct.iterator().next();
        pins.pinIfAbsent(aor, owner);
        return Optional.of(owner);
    }
}
