package io.peerdial.location.read;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.EntryKind;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.location.trust.TrustLevel;
import io.peerdial.location.trust.TrustPolicy;
import io.peerdial.location.validation.EntryValidator;
import io.peerdial.location.validation.ValidEntry;
import io.peerdial.overlay.storage.StoreStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the raw values several holders returned for an AOR into the bindings to use. Trusts no
 * holder: every value is decoded and its signature verified again; expired, tampered, misplaced
 * and foreign-owner values are dropped and counted; then the newest entry per (owner, device)
 * wins, tombstones hide what they removed, and the trust policy judges each owner.
 */
public final class BindingReader {

    private final EntryValidator validator = new EntryValidator(TrustAnchors.none()); // anchors: TrustPolicy's job
    private final TrustPolicy trust;

    public BindingReader(TrustPolicy trust) {
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    /** All trusted bindings of {@code aor}. */
    public LookupResult read(long now, Aor aor, Collection<byte[]> values) {
        return read(now, aor, values, null);
    }

    /** Trusted bindings of {@code aor} published by {@code owner} only ({@code null}: any owner). */
    public LookupResult read(long now, Aor aor, Collection<byte[]> values, OwnerKey owner) {
        Map<StoreStatus, Integer> invalid = new EnumMap<>(StoreStatus.class);
        List<ValidEntry> valid = new ArrayList<>(values.size());
        var key = aor.dhtKey();
        for (byte[] value : values) {
            EntryValidator.Result r = validator.check(now, key, value);
            if (!r.valid()) {
                invalid.merge(r.refusal().status(), 1, Integer::sum);
            } else if (r.entry().content().kind() != EntryKind.BINDING) {
                invalid.merge(StoreStatus.NOT_ACCEPTED, 1, Integer::sum); // a map value under an AOR's key
            } else if (!r.entry().aor().equals(aor)) {
                invalid.merge(StoreStatus.WRONG_KEY, 1, Integer::sum); // unreachable unless SHA-256 collides
            } else if (owner == null || owner.equals(r.entry().owner())) {
                valid.add(r.entry());
            }
        }
        EntryMerge.Merged merged = EntryMerge.merge(valid);
        List<VerifiedBinding> bindings = new ArrayList<>();
        Map<TrustLevel, Integer> untrusted = new EnumMap<>(TrustLevel.class);
        List<OwnerKey> unpinned = new ArrayList<>();
        int removed = 0;
        for (ValidEntry e : merged.winners()) {
            if (e.tombstone()) {
                removed++;
                continue;
            }
            var c = e.content();
            TrustLevel level = trust.evaluate(now, aor, c.owner(), c.certificate());
            if (!trust.accepts(level)) {
                untrusted.merge(level, 1, Integer::sum);
                continue;
            }
            if (level == TrustLevel.UNPINNED) unpinned.add(c.owner());
            bindings.add(new VerifiedBinding(e.binding(), c.owner(), c.seq(), c.issuedAt(), c.expiresAt(), level));
        }
        return new LookupResult(bindings, invalid, untrusted, merged.superseded(), removed, unpinned);
    }
}
