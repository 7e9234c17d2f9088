package io.peerdial.location.map;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A distributed multimap with set semantics, signed by the map's owner key: many owners may add
 * values under one key, each owner controls only its own values.
 *
 * <p>Each value is a signed {@code MAP_VALUE} entry whose slot is the first 160 bits of
 * SHA-256(value): adding the same value twice is one value, and {@code remove} publishes a signed
 * tombstone (higher seq) for that slot. Values are at most {@link #MAX_VALUE_BYTES} bytes (one entry
 * fits a datagram). Values added through a map are re-stored by it before they expire until they
 * are removed (or the map is dropped); their lifetime is {@link #defaultTtl()} or a per-call TTL, at
 * most {@link #MAX_TTL}. Reads verify every signature again, merge the answers of all holders
 * (highest seq per (owner, value) wins) and hide removed values. Everything is asynchronous.
 *
 * <pre>{@code
 * DhtMap map = new SignedDhtMap(access, ownerKeyPair, Duration.ofMinutes(10));
 * NodeId room = DhtMap.key("room:42");
 * map.add(room, "alice".getBytes(UTF_8)).join();     // on the k closest nodes, refreshed until removed
 * List<byte[]> everyone = map.get(room).join();      // all owners' verified values
 * List<byte[]> mine = map.get(room, map.owner()).join();
 * map.remove(room, "alice".getBytes(UTF_8)).join();  // a signed tombstone hides it everywhere
 * }</pre>
 */
public interface DhtMap {

    /** Longest lifetime of one write; storing nodes refuse longer ones (StorageLimits' default cap). */
    Duration MAX_TTL = Duration.ofHours(1);
    /** Payload bytes that still fit one signed entry with a domain certificate-free header. */
    int MAX_VALUE_BYTES = 800;

    /**
     * The DHT key of a string name: first 160 bits of SHA-256("map:" + name). The prefix keeps map
     * keys apart from AOR keys (SHA-256("sip:" + AOR)).
     */
    static NodeId key(String name) {
        return NodeId.sha256Prefix(("map:" + name).getBytes(StandardCharsets.UTF_8));
    }

    /** The key that signs this map's writes. */
    OwnerKey owner();

    /** Lifetime of values added without one; republished by the owner until removed. */
    Duration defaultTtl();

    CompletableFuture<Void> add(NodeId key, byte[] value);

    /** Adds with its own lifetime ({@code ttl} at most {@link #MAX_TTL}). */
    CompletableFuture<Void> add(NodeId key, byte[] value, Duration ttl);

    /** Publishes a tombstone for {@code value}: readers stop seeing it even from holders that missed the removal. */
    CompletableFuture<Void> remove(NodeId key, byte[] value);

    /** Every verified, unexpired, not removed value under {@code key}, any owner. */
    CompletableFuture<List<byte[]>> get(NodeId key);

    /** Values under {@code key} published by {@code owner} only. */
    CompletableFuture<List<byte[]>> get(NodeId key, OwnerKey owner);

    /** Like {@link #get(NodeId)} with each value's owner, seq and expiry. */
    CompletableFuture<List<MapValue>> entries(NodeId key);
}
