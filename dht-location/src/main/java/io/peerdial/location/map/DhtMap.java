package io.peerdial.location.map;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A distributed multimap with set semantics, signed by the map's owner key. Sketch of the public
 * API: the implementation (lookups and STOREs through the overlay node, republish before expiry)
 * comes with the overlay integration.
 *
 * <p>Each value is a signed {@code MAP_VALUE} entry whose slot is the first 160 bits of
 * SHA-256(value): adding the same value twice is one value, and {@code remove} publishes a signed
 * tombstone for that slot. Values are at most about 800 bytes (one entry fits a datagram).
 *
 * <pre>{@code
 * DhtMap map = ...;                                   // from the running node
 * NodeId room = NodeId.sha256Prefix("room:42".getBytes(UTF_8));
 * map.add(room, "alice".getBytes(UTF_8)).join();     // published on the k closest nodes
 * List<byte[]> everyone = map.get(room).join();      // all owners' verified values
 * List<byte[]> mine = map.get(room, map.owner()).join();
 * map.remove(room, "alice".getBytes(UTF_8)).join();
 * }</pre>
 */
public interface DhtMap {

    /** The key that signs this map's writes. */
    OwnerKey owner();

    /** Lifetime of values added without one; republished by the owner until removed. */
    Duration defaultTtl();

    CompletableFuture<Void> add(NodeId key, byte[] value);

    CompletableFuture<Void> add(NodeId key, byte[] value, Duration ttl);

    /** Publishes a tombstone for {@code value}: readers stop seeing it even from holders that missed the removal. */
    CompletableFuture<Void> remove(NodeId key, byte[] value);

    /** Every verified, unexpired, not removed value under {@code key}, any owner. */
    CompletableFuture<List<byte[]>> get(NodeId key);

    /** Values under {@code key} published by {@code owner} only. */
    CompletableFuture<List<byte[]>> get(NodeId key, OwnerKey owner);
}
