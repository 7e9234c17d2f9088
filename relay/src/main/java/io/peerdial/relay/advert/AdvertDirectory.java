package io.peerdial.relay.advert;

import io.peerdial.location.map.DhtMap;
import io.peerdial.location.map.MapValue;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.relay.wire.RelayWireException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Relay adverts in the DHT, through the map API. Key space: SHA-256("peerdial-relay:" + region +
 * "/" + bucket), first 160 bits; a relay publishes under bucket = first byte of its NodeId mod
 * {@code buckets}, so that no one key holds every relay of a region (storing nodes keep at most 64
 * entries per key) and readers can ask a few buckets. An advert replaces the relay's previous one
 * (a tombstone, then the new value); it lives {@code ttl} and is republished by the map until
 * withdrawn. Readers keep only adverts whose map owner is the relay the advert names, signed and
 * not older than {@code maxAgeMs}, the newest per relay.
 */
public final class AdvertDirectory {
    private final DhtMap map;
    private final int buckets;
    private final Duration ttl;
    private final Map<NodeId, SignedAdvert> mine = new HashMap<>();

    public AdvertDirectory(DhtMap map, int buckets, Duration ttl) {
        this.map = Objects.requireNonNull(map, "map");
        if (buckets < 1 || buckets > 256) throw new IllegalArgumentException("1-256 buckets");
        this.buckets = buckets;
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    public static NodeId key(String region, int bucket) {
        return NodeId.sha256Prefix(("peerdial-relay:" + region + "/" + bucket).getBytes(StandardCharsets.US_ASCII));
    }

    public int bucketOf(NodeId relay) {
        return (relay.toBytes()[0] & 0xFF) % buckets;
    }

    /** Publishes {@code advert} (signed by the map's owner key), replacing this relay's previous one. */
    public CompletableFuture<Void> publish(SignedAdvert advert) {
        RelayAdvert a = advert.advert();
        if (!a.relay().equals(map.owner())) throw new IllegalArgumentException("the map's owner must be the advertised relay");
        NodeId key = key(a.region(), bucketOf(a.relayId()));
        SignedAdvert previous = mine.put(a.relayId(), advert);
        CompletableFuture<Void> removed = previous == null || previous.equals(advert)
                ? CompletableFuture.completedFuture(null)
                : map.remove(key(previous.advert().region(), bucketOf(a.relayId())), AdvertCodec.encode(previous));
        return removed.thenCompose(v -> map.add(key, AdvertCodec.encode(advert), ttl));
    }

    /** Stops advertising (the node leaves the super-node role or gives nothing any more). */
    public CompletableFuture<Void> withdraw(NodeId relay) {
        SignedAdvert previous = mine.remove(relay);
        if (previous == null) return CompletableFuture.completedFuture(null);
        return map.remove(key(previous.advert().region(), bucketOf(relay)), AdvertCodec.encode(previous));
    }

    /** Every valid advert in {@code region}'s buckets, issued after {@code now - maxAgeMs}, newest per relay. */
    public CompletableFuture<List<RelayAdvert>> find(long now, String region, long maxAgeMs) {
        List<CompletableFuture<List<MapValue>>> reads = new ArrayList<>();
        for (int b = 0; b < buckets; b++) reads.add(map.entries(key(region, b)));
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<NodeId, RelayAdvert> newest = new HashMap<>();
            for (var read : reads) {
                for (MapValue value : read.join()) {
                    RelayAdvert a;
                    try {
                        a = AdvertCodec.decode(value.value()).advert();
                    } catch (RelayWireException e) {
                        continue; // junk under a public key: not an advert
                    }
                    boolean fresh = a.issuedAt() >= now - maxAgeMs && a.issuedAt() <= now + maxAgeMs;
                    if (a.relay().equals(value.owner()) && a.region().equals(region) && fresh) {
                        newest.merge(a.relayId(), a, (x, y) -> x.issuedAt() >= y.issuedAt() ? x : y);
                    }
                }
            }
            return newest.values().stream().sorted((x, y) -> x.relayId().compareTo(y.relayId())).toList();
        });
    }
}
