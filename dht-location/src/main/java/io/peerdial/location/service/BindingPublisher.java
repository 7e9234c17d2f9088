package io.peerdial.location.service;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.Binding;
import io.peerdial.location.binding.BindingEntries;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.map.DhtMap;
import io.peerdial.location.map.EntryPublisher;
import io.peerdial.location.map.EntryPublisher.SlotId;
import io.peerdial.location.map.PublishResult;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes a device's binding under its AOR, signed by the user key, and refreshes it before it
 * expires until {@link #unpublish} replaces it with a tombstone. Bindings are the typed use of the
 * same {@link EntryPublisher} the DHT map runs on.
 *
 * <pre>{@code
 * BindingPublisher bindings = new BindingPublisher(new EntryPublisher(access));
 * bindings.publish(userKey, new Binding(aor, deviceId, Reachability.PUBLIC, 0, contacts), Duration.ofMinutes(10), new byte[0]).join();
 * bindings.unpublish(userKey, aor, deviceId).join();
 * }</pre>
 */
public final class BindingPublisher {

    private final EntryPublisher publisher;

    public BindingPublisher(EntryPublisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /**
     * Signs and stores {@code binding}, then keeps it alive.
     *
     * @param ttl         lifetime of each signed copy, at most {@link DhtMap#MAX_TTL}
     * @param certificate an encoded domain certificate for the user key, or empty
     */
    public CompletableFuture<PublishResult> publish(NodeKeyPair userKey, Binding binding, Duration ttl, byte[] certificate) {
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(binding, "binding");
        byte[] cert = certificate.clone();
        long lifetime = checkTtl(ttl);
        SlotId slot = new SlotId(binding.aor().dhtKey(), OwnerKey.of(userKey), binding.device());
        return publisher.publish(slot, lifetime,
                (seq, issued, expires) -> BindingEntries.sign(userKey, binding, seq, issued, expires, cert), true);
    }

    /** A signed tombstone for the device's binding, living {@link DhtMap#MAX_TTL} (longer than any copy of it). */
    public CompletableFuture<PublishResult> unpublish(NodeKeyPair userKey, Aor aor, NodeId device, byte[] certificate) {
        byte[] cert = certificate.clone();
        SlotId slot = new SlotId(aor.dhtKey(), OwnerKey.of(userKey), device);
        return publisher.withdraw(slot, DhtMap.MAX_TTL.toMillis(),
                (seq, issued, expires) -> BindingEntries.tombstone(userKey, aor, device, seq, issued, expires, cert));
    }

    public CompletableFuture<PublishResult> unpublish(NodeKeyPair userKey, Aor aor, NodeId device) {
        return unpublish(userKey, aor, device, new byte[0]);
    }

    public EntryPublisher entries() {
        return publisher;
    }

    private static long checkTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(DhtMap.MAX_TTL) > 0) {
            throw new IllegalArgumentException("binding lifetime must be in (0, " + DhtMap.MAX_TTL + "], got " + ttl);
        }
        return ttl.toMillis();
    }
}
