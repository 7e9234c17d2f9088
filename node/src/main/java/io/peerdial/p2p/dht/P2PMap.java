package io.peerdial.p2p.dht;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.map.DhtMap;
import io.peerdial.location.map.MapValue;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.p2p.base.Blocking;
import io.peerdial.p2p.base.P2PException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The DHT map as the P2P API offers it: a multimap in which every value is signed by its owner,
 * lives a TTL (at most {@link #MAX_TTL}) and is republished by this node until removed. Every
 * operation comes twice: {@code xxxAsync} returns a future that fails with {@link P2PException};
 * {@code xxx} blocks at most the given timeout and throws it.
 *
 * <pre>{@code
 * P2PMap map = node.map();
 * NodeId room = P2PMap.key("room:42");
 * map.add(room, "alice".getBytes(UTF_8), Duration.ofSeconds(5));
 * List<byte[]> all = map.get(room, Duration.ofSeconds(5));
 * List<byte[]> mine = map.get(room, map.owner(), Duration.ofSeconds(5));
 * map.remove(room, "alice".getBytes(UTF_8), Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Failures: {@code NOT_STORED} when no holder stored a write (the message lists their
 * refusals), {@code TIMEOUT}, {@code INTERRUPTED}, {@code FAILED}; a value over
 * {@link #MAX_VALUE_BYTES} or a TTL out of range is an {@link IllegalArgumentException}.
 */
public final class P2PMap {

    /** Longest lifetime of one value. */
    public static final Duration MAX_TTL = DhtMap.MAX_TTL;
    /** Largest value. */
    public static final int MAX_VALUE_BYTES = DhtMap.MAX_VALUE_BYTES;

    private final DhtMap map;

    /** The API over {@code map} (whose owner key signs every write). */
    public P2PMap(DhtMap map) {
        this.map = Objects.requireNonNull(map, "map");
    }

    /** The DHT key of a name (see {@link DhtMap#key}). */
    public static NodeId key(String name) {
        return DhtMap.key(Objects.requireNonNull(name, "name"));
    }

    /** The key that signs this map's writes: pass it to {@link #get(NodeId, OwnerKey, Duration)} to read one owner's values. */
    public OwnerKey owner() {
        return map.owner();
    }

    /** Lifetime of values added without one. */
    public Duration defaultTtl() {
        return map.defaultTtl();
    }

    /** Adds {@code value} under {@code key} for {@link #defaultTtl()}, refreshed until removed. */
    public CompletableFuture<Void> addAsync(NodeId key, byte[] value) {
        return Blocking.translated(map.add(key, value));
    }

    /** Adds {@code value} under {@code key} with its own lifetime (at most {@link #MAX_TTL}), refreshed until removed. */
    public CompletableFuture<Void> addAsync(NodeId key, byte[] value, Duration ttl) {
        return Blocking.translated(map.add(key, value, ttl));
    }

    /** Publishes a signed removal of {@code value}: readers stop seeing it. */
    public CompletableFuture<Void> removeAsync(NodeId key, byte[] value) {
        return Blocking.translated(map.remove(key, value));
    }

    /** Every verified, unexpired, not removed value under {@code key}, of any owner. */
    public CompletableFuture<List<byte[]>> getAsync(NodeId key) {
        return Blocking.translated(map.get(key));
    }

    /** The values of {@code owner} only under {@code key}. */
    public CompletableFuture<List<byte[]>> getAsync(NodeId key, OwnerKey owner) {
        Objects.requireNonNull(owner, "owner");
        return Blocking.translated(map.get(key, owner));
    }

    /** The values under {@code key} with their owner, seq and expiry. */
    public CompletableFuture<List<MapValue>> entriesAsync(NodeId key) {
        return Blocking.translated(map.entries(key));
    }

    /** Blocking {@link #addAsync(NodeId, byte[])}. */
    public void add(NodeId key, byte[] value, Duration timeout) {
        Blocking.checkTimeout(timeout);
        Blocking.await(addAsync(key, value), timeout);
    }

    /** Blocking {@link #addAsync(NodeId, byte[], Duration)}. */
    public void add(NodeId key, byte[] value, Duration ttl, Duration timeout) {
        Blocking.checkTimeout(timeout);
        Blocking.await(addAsync(key, value, ttl), timeout);
    }

    /** Blocking {@link #removeAsync}. */
    public void remove(NodeId key, byte[] value, Duration timeout) {
        Blocking.checkTimeout(timeout);
        Blocking.await(removeAsync(key, value), timeout);
    }

    /** Blocking {@link #getAsync(NodeId)}. */
    public List<byte[]> get(NodeId key, Duration timeout) {
        Blocking.checkTimeout(timeout);
        return Blocking.await(getAsync(key), timeout);
    }

    /** Blocking {@link #getAsync(NodeId, OwnerKey)}. */
    public List<byte[]> get(NodeId key, OwnerKey owner, Duration timeout) {
        Blocking.checkTimeout(timeout);
        return Blocking.await(getAsync(key, owner), timeout);
    }

    /** Blocking {@link #entriesAsync}. */
    public List<MapValue> entries(NodeId key, Duration timeout) {
        Blocking.checkTimeout(timeout);
        return Blocking.await(entriesAsync(key), timeout);
    }
}
