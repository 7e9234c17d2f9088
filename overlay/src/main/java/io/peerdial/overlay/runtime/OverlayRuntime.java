package io.peerdial.overlay.runtime;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.kademlia.OverlayEvent;
import io.peerdial.overlay.kademlia.OverlayEvent.JoinCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.LookupCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.StoreCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.ValuesFound;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.kademlia.OverlayStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An {@link OverlayNode} on its own {@link UdpRuntime}, with the node's API as futures: each call
 * runs on the loop thread, and its future completes when the matching event (by lookup id, or the
 * next {@link JoinCompleted} for joins) comes out of the core.
 *
 * <p>Futures complete on the loop thread: a dependent stage added with {@code thenApply} etc. runs
 * there too and must be quick; use the {@code *Async} variants for anything slow. The core bounds
 * every lookup with its RPC timeouts, so these futures always complete while the runtime runs;
 * when it closes, pending ones fail with {@link IllegalStateException}.
 */
public final class OverlayRuntime implements AutoCloseable {

    private final UdpRuntime<OverlayEvent> udp;
    private final OverlayNode node;
    private final NodeId nodeId;
    private final Consumer<? super OverlayEvent> listener;
    // Touched only on the loop thread: by tasks (which register) and by onEvent (which completes).
    private final Map<Long, CompletableFuture<LookupCompleted>> lookups = new HashMap<>();
    private final Map<Long, CompletableFuture<ValuesFound>> valueLookups = new HashMap<>();
    private final Map<Long, CompletableFuture<StoreCompleted>> stores = new HashMap<>();
    private final List<CompletableFuture<JoinCompleted>> joins = new ArrayList<>();

    private OverlayRuntime(InetSocketAddress bind, Function<InetSocketAddress, OverlayNode> nodeFactory,
                           Consumer<? super OverlayEvent> listener) throws IOException {
        this.listener = Objects.requireNonNull(listener, "listener");
        OverlayNode[] created = new OverlayNode[1];
        this.udp = UdpRuntime.start(bind, local -> {
            created[0] = nodeFactory.apply(local);
            created[0].localAddresses(boundAddresses(local)); // before the loop starts: no race
            return created[0];
        }, this::onEvent);
        this.node = created[0];
        this.nodeId = node.nodeId();
    }

    /**
     * Binds {@code bind}, builds the node with {@code nodeFactory} (given the bound address) and starts
     * its loop. {@code listener} sees every event (after the futures are completed), on the loop
     * thread; it must not block.
     */
    public static OverlayRuntime start(InetSocketAddress bind, Function<InetSocketAddress, OverlayNode> nodeFactory,
                                       Consumer<? super OverlayEvent> listener) throws IOException {
        return new OverlayRuntime(bind, nodeFactory, listener);
    }

    public NodeId nodeId() {
        return nodeId;
    }

    /**
     * The addresses peers could see this socket at without a NAT: the bound address, or for a
     * wildcard bind every interface address with the bound port.
     */
    static java.util.Set<InetSocketAddress> boundAddresses(InetSocketAddress local) {
        if (!local.getAddress().isAnyLocalAddress()) return java.util.Set.of(local);
        java.util.Set<InetSocketAddress> out = new java.util.HashSet<>();
        try {
            for (java.net.NetworkInterface nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                for (java.net.InetAddress a : java.util.Collections.list(nif.getInetAddresses())) {
                    out.add(new InetSocketAddress(a, local.getPort()));
                }
            }
        } catch (java.net.SocketException e) {
            // interfaces unreadable: classification then sees no local address and says CONE at worst
            return java.util.Set.of(local);
        }
        return out;
    }

    public InetSocketAddress localAddress() {
        return udp.localAddress();
    }

    /**
     * Joins through {@code bootstrap}; completes with the core's {@link JoinCompleted}. With no
     * bootstrap (first node of a new overlay) it completes at once with the current table size.
     */
    public CompletableFuture<JoinCompleted> join(List<InetSocketAddress> bootstrap) {
        List<InetSocketAddress> addresses = List.copyOf(bootstrap);
        return udp.submit(now -> {
            node.join(now, addresses);
            CompletableFuture<JoinCompleted> f = new CompletableFuture<>();
            if (addresses.isEmpty()) {
                f.complete(new JoinCompleted(node.status().contacts()));
            } else {
                joins.add(f);
            }
            return f;
        }).thenCompose(f -> f);
    }

    public CompletableFuture<LookupCompleted> findNode(NodeId target) {
        Objects.requireNonNull(target, "target");
        return udp.submit(now -> register(lookups, node.findNode(now, target))).thenCompose(f -> f);
    }

    public CompletableFuture<ValuesFound> findValue(NodeId key) {
        Objects.requireNonNull(key, "key");
        return udp.submit(now -> register(valueLookups, node.findValue(now, key))).thenCompose(f -> f);
    }

    public CompletableFuture<StoreCompleted> store(NodeId key, byte[] value) {
        Objects.requireNonNull(key, "key");
        byte[] copy = value.clone(); // the caller may reuse its array; the core keeps ours
        return udp.submit(now -> register(stores, node.store(now, key, copy))).thenCompose(f -> f);
    }

    public CompletableFuture<OverlayStatus> status() {
        return udp.submit(now -> node.status());
    }

    /** Counters of the event loop (datagrams, drops, core errors). */
    public RuntimeStats runtimeStats() {
        return udp.stats();
    }

    /** The loop this node runs on, e.g. to {@link UdpRuntime#submit} other work touching the node. */
    public UdpRuntime<OverlayEvent> udp() {
        return udp;
    }

    /** Stops the loop and closes the socket; pending futures fail with {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        udp.close();
        // The loop has stopped (close() waited for it), so these maps are no longer touched there.
        IllegalStateException closed = new IllegalStateException("runtime closed");
        lookups.values().forEach(f -> f.completeExceptionally(closed));
        valueLookups.values().forEach(f -> f.completeExceptionally(closed));
        stores.values().forEach(f -> f.completeExceptionally(closed));
        joins.forEach(f -> f.completeExceptionally(closed));
    }

    private static <T> CompletableFuture<T> register(Map<Long, CompletableFuture<T>> pending, long lookupId) {
        CompletableFuture<T> f = new CompletableFuture<>();
        pending.put(lookupId, f);
        return f;
    }

    private void onEvent(OverlayEvent event) {
        if (event instanceof LookupCompleted e) {
            complete(lookups, e.lookupId(), e);
        } else if (event instanceof ValuesFound e) {
            complete(valueLookups, e.lookupId(), e);
        } else if (event instanceof StoreCompleted e) {
            complete(stores, e.lookupId(), e);
        } else if (event instanceof JoinCompleted e) {
            List<CompletableFuture<JoinCompleted>> waiting = new ArrayList<>(joins);
            joins.clear();
            waiting.forEach(f -> f.complete(e));
        }
        listener.accept(event);
    }

    private static <T> void complete(Map<Long, CompletableFuture<T>> pending, long lookupId, T event) {
        CompletableFuture<T> f = pending.remove(lookupId);
        if (f != null) f.complete(event);
    }
}
