package io.peerdial.location.storage;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.limit.SourceRateLimiter;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.location.validation.EntryValidator;
import io.peerdial.location.validation.ValidEntry;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.storage.StoragePolicy;
import io.peerdial.overlay.storage.StoreOutcome;
import io.peerdial.overlay.storage.StoreStatus;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a storing node keeps of signed entries (bindings and map values): under each key a
 * dictionary indexed by (owner key, slot), as RELOAD's dictionary data model (RFC 6940 §7.2).
 *
 * <p>A write is accepted only if it decodes, names this key (and, for a binding, the key is the hash
 * of its AOR and the slot its device), is unexpired, was not issued more than the clock skew in the
 * future, lives no longer than the cap, obeys the self-certifying and domain-anchor owner rules, has
 * a seq above the stored one for its (owner, slot) (RFC 6940 §7.4.1.1: a store with an older
 * generation fails), and its signature verifies; then the entry-per-key and total-byte limits
 * apply. Storing the identical bytes again is an idempotent success, checked before the signature
 * so republishing costs no verification. A tombstone replaces the entry and is itself kept and
 * handed out until it expires, so an older seq held elsewhere cannot resurrect the removed binding.
 *
 * <p>Sans-IO; not thread-safe (owned by the node's event loop).
 */
public final class BindingStoragePolicy implements StoragePolicy {

    private record Slot(OwnerKey owner, NodeId slot) {}

    private final StorageLimits limits;
    private final EntryValidator validator;
    private final SourceRateLimiter rateLimiter;
    private final Map<NodeId, LinkedHashMap<Slot, ValidEntry>> byKey = new HashMap<>();
    private long totalBytes;
    private int valueCount;

    /**
     * @param anchors     domains whose writes must carry a certificate from their CA ({@link TrustAnchors#none()} for none)
     * @param rateLimiter writes per source IP address, applied by {@link #store(long, NodeId, byte[], InetSocketAddress)}; {@code null} for none
     */
    public BindingStoragePolicy(StorageLimits limits, TrustAnchors anchors, SourceRateLimiter rateLimiter) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.validator = new EntryValidator(anchors);
        this.rateLimiter = rateLimiter;
    }

    public BindingStoragePolicy() {
        this(StorageLimits.DEFAULT, TrustAnchors.none(), null);
    }

    /**
     * A write from {@code source}: refused with RATE_LIMITED before any decoding when the source's
     * IP address (any port: ports are free to an attacker) is over its rate.
     */
    @Override
    public StoreOutcome store(long now, NodeId key, byte[] value, InetSocketAddress source) {
        if (rateLimiter != null && !rateLimiter.allow(source.getAddress(), now)) {
            return StoreOutcome.refused(StoreStatus.RATE_LIMITED, "too many writes from " + source.getAddress().getHostAddress());
        }
        return store(now, key, value);
    }

    @Override
    public StoreOutcome store(long now, NodeId key, byte[] value) {
        EntryValidator.Result inspected = validator.inspect(now, key, value);
        if (!inspected.valid()) return inspected.refusal();
        ValidEntry e = inspected.entry();
        var c = e.content();
        if (c.issuedAt() > now + limits.clockSkewMs()) {
            return StoreOutcome.refused(StoreStatus.NOT_ACCEPTED, "issued at " + c.issuedAt() + ", more than "
                    + limits.clockSkewMs() + " ms after now " + now);
        }
        if (c.lifetimeMs() > limits.maxLifetimeMs()) {
            return StoreOutcome.refused(StoreStatus.LIFETIME_TOO_LONG, "lifetime " + c.lifetimeMs() + " ms, at most " + limits.maxLifetimeMs());
        }
        var slot = new Slot(e.owner(), e.slot());
        LinkedHashMap<Slot, ValidEntry> dictionary = byKey.get(key);
        ValidEntry stored = dictionary == null ? null : dictionary.get(slot);
        if (stored != null) {
            if (Arrays.equals(stored.encoded(), value)) return StoreOutcome.STORED; // idempotent re-store
            if (Long.compareUnsigned(e.seq(), stored.seq()) <= 0) {
                return StoreOutcome.refused(StoreStatus.STALE_SEQ, "seq " + Long.toUnsignedString(e.seq())
                        + (e.seq() == stored.seq() ? " already stored with other content" : " not above stored seq " + Long.toUnsignedString(stored.seq())));
            }
        }
        StoreOutcome signature = validator.verify(e);
        if (!signature.stored()) return signature;
        if (stored == null && dictionary != null && dictionary.size() >= limits.maxEntriesPerKey()) {
            dropExpired(now, dictionary);
            if (dictionary.size() >= limits.maxEntriesPerKey()) {
                return StoreOutcome.refused(StoreStatus.KEY_FULL, dictionary.size() + " entries under " + key + ", at most " + limits.maxEntriesPerKey());
            }
        }
        long newTotal = totalBytes + value.length - (stored == null ? 0 : stored.encoded().length);
        if (newTotal > limits.maxTotalBytes()) {
            return StoreOutcome.refused(StoreStatus.STORAGE_FULL, "node holds " + totalBytes + " bytes, at most " + limits.maxTotalBytes());
        }
        if (dictionary == null) {
            dictionary = new LinkedHashMap<>();
            byKey.put(key, dictionary);
        }
        dictionary.put(slot, new ValidEntry(e.entry(), value.clone(), e.aor(), e.binding()));
        totalBytes = newTotal;
        if (stored == null) valueCount++;
        return StoreOutcome.STORED;
    }

    /** Unexpired entries, tombstones included (readers need them to hide older copies held elsewhere). */
    @Override
    public List<byte[]> get(long now, NodeId key) {
        LinkedHashMap<Slot, ValidEntry> dictionary = byKey.get(key);
        if (dictionary == null) return List.of();
        List<byte[]> out = new ArrayList<>(dictionary.size());
        for (ValidEntry e : dictionary.values()) if (!e.content().expiredAt(now)) out.add(e.encoded().clone());
        return out;
    }

    @Override
    public Collection<NodeId> keys() {
        return List.copyOf(byKey.keySet());
    }

    @Override
    public void expire(long now) {
        for (Iterator<LinkedHashMap<Slot, ValidEntry>> it = byKey.values().iterator(); it.hasNext(); ) {
            LinkedHashMap<Slot, ValidEntry> dictionary = it.next();
            dropExpired(now, dictionary);
            if (dictionary.isEmpty()) it.remove();
        }
    }

    private void dropExpired(long now, LinkedHashMap<Slot, ValidEntry> dictionary) {
        for (Iterator<ValidEntry> it = dictionary.values().iterator(); it.hasNext(); ) {
            ValidEntry e = it.next();
            if (e.content().expiredAt(now)) {
                it.remove();
                totalBytes -= e.encoded().length;
                valueCount--;
            }
        }
    }

    @Override
    public int valueCount() {
        return valueCount;
    }

    public long totalBytes() {
        return totalBytes;
    }
}
