package io.peerdial.location.read;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.trust.TrustLevel;
import io.peerdial.overlay.storage.StoreStatus;
import java.util.List;
import java.util.Map;

/**
 * What a lookup found: the bindings to use, and counts of what was dropped and why (for logs and
 * metrics: a holder returning tampered values shows up as BAD_SIGNATURE drops).
 *
 * @param invalid    values that failed validation, by the status a storing node would have answered
 * @param untrusted  bindings refused by the trust policy, by verdict
 * @param superseded older or duplicate copies of an (owner, slot) that a newer one replaced
 * @param removed    (owner, slot)s whose newest entry is a tombstone
 * @param unpinnedOwners owners of accepted UNPINNED bindings, for trust on first use
 */
public record LookupResult(
        List<VerifiedBinding> bindings, Map<StoreStatus, Integer> invalid, Map<TrustLevel, Integer> untrusted,
        int superseded, int removed, List<OwnerKey> unpinnedOwners) {

    public LookupResult {
        bindings = List.copyOf(bindings);
        invalid = Map.copyOf(invalid);
        untrusted = Map.copyOf(untrusted);
        unpinnedOwners = List.copyOf(unpinnedOwners);
    }

    public int invalidCount() {
        return invalid.values().stream().mapToInt(Integer::intValue).sum();
    }
}
