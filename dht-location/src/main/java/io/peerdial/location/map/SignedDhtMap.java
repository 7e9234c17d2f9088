package io.peerdial.location.map;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.map.EntryPublisher.SlotId;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link DhtMap} over an {@link OverlayAccess}: values signed by {@code ownerKey}, published and
 * refreshed through an {@link EntryPublisher}, read through a {@link MapReader}. The same code runs
 * on the UDP runtime and in the in-memory test network.
 *
 * <pre>{@code
 * DhtMap map = new SignedDhtMap(new RuntimeOverlayAccess(runtime), userKey, Duration.ofMinutes(10));
 * map.add(DhtMap.key("chat:lobby"), payload).join();
 * }</pre>
 */
public final class SignedDhtMap implements DhtMap {

    private final EntryPublisher publisher;
    private final NodeKeyPair ownerKey;
    private final OwnerKey owner;
    private final Duration defaultTtl;
    private final MapReader reader = new MapReader();

    /** @param defaultTtl lifetime of values added without one, in (0, {@link #MAX_TTL}] */
    public SignedDhtMap(OverlayAccess access, NodeKeyPair ownerKey, Duration defaultTtl) {
        this(new EntryPublisher(access), ownerKey, defaultTtl);
    }

    /** Shares {@code publisher} (and its timer and seqs) with other users of the same node. */
    public SignedDhtMap(EntryPublisher publisher, NodeKeyPair ownerKey, Duration defaultTtl) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.ownerKey = Objects.requireNonNull(ownerKey, "ownerKey");
        this.owner = OwnerKey.of(ownerKey);
        this.defaultTtl = checkTtl(defaultTtl);
    }

    private static Duration checkTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be in (0, " + MAX_TTL + "], got " + ttl);
        }
        return ttl;
    }

    @Override
    public OwnerKey owner() {
        return owner;
    }

    @Override
    public Duration defaultTtl() {
        return defaultTtl;
    }

    @Override
    public CompletableFuture<Void> add(NodeId key, byte[] value) {
        return add(key, value, defaultTtl);
    }

    @Override
    public CompletableFuture<Void> add(NodeId key, byte[] value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        byte[] copy = checkValue(value);
        SlotId slot = new SlotId(key, owner, MapEntries.slotOf(copy));
        return publisher.publish(slot, checkTtl(ttl).toMillis(),
                (seq, issued, expires) -> MapEntries.value(ownerKey, key, copy, seq, issued, expires), true).thenApply(r -> null);
    }

    /**
     * The tombstone lives {@link #MAX_TTL}: no copy of the value, whatever TTL it was added with,
     * outlives it, so no holder can hand the value out again after the tombstone is gone.
     */
    @Override
    public CompletableFuture<Void> remove(NodeId key, byte[] value) {
        Objects.requireNonNull(key, "key");
        byte[] copy = checkValue(value);
        SlotId slot = new SlotId(key, owner, MapEntries.slotOf(copy));
        return publisher.withdraw(slot, MAX_TTL.toMillis(),
                (seq, issued, expires) -> MapEntries.removal(ownerKey, key, copy, seq, issued, expires)).thenApply(r -> null);
    }

    @Override
    public CompletableFuture<List<byte[]>> get(NodeId key) {
        return get(key, null);
    }

    @Override
    public CompletableFuture<List<byte[]>> get(NodeId key, OwnerKey owner) {
        return read(key, owner).thenApply(values -> values.stream().map(MapValue::value).toList());
    }

    @Override
    public CompletableFuture<List<MapValue>> entries(NodeId key) {
        return read(key, null);
    }

    private CompletableFuture<List<MapValue>> read(NodeId key, OwnerKey filter) {
        Objects.requireNonNull(key, "key");
        return publisher.access().findValue(key)
                .thenApply(found -> reader.read(publisher.access().now(), key, found.values(), filter));
    }

    /** Invalid values readers of this map dropped so far (e.g. tampered by a holder). */
    public int droppedCount() {
        return reader.droppedCount();
    }

    private static byte[] checkValue(byte[] value) {
        Objects.requireNonNull(value, "value");
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value of " + value.length + " bytes, at most " + MAX_VALUE_BYTES);
        }
        return value.clone();
    }
}
