package io.peerdial.overlay.runtime;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.kademlia.OverlayEvent;
import io.peerdial.overlay.kademlia.OverlayEvent.AppFailed;
import io.peerdial.overlay.kademlia.OverlayEvent.AppResponse;
import io.peerdial.overlay.kademlia.OverlayEvent.JoinCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.LookupCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.StoreCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.ValuesFound;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.kademlia.OverlayStatus;
import io.peerdial.overlay.wire.ErrorMessage.ErrorCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OverlayRuntime.class);

    private final UdpRuntime<OverlayEvent> udp;
    private final OverlayNode node;
    private final NodeId nodeId;
    private final Consumer<? super OverlayEvent> listener;
    // Touched only on the loop thread: by tasks (which register) and by onEvent (which completes).
    private final Map<Long, CompletableFuture<LookupCompleted>> lookups = new HashMap<>();
    private final Map<Long, CompletableFuture<ValuesFound>> valueLookups = new HashMap<>();
    private final Map<Long, CompletableFuture<StoreCompleted>> stores = new HashMap<>();
    private final List<CompletableFuture<JoinCompleted>> joins = new ArrayList<>();
    private final Map<Long, CompletableFuture<byte[]>> appRequests = new HashMap<>();
    private final Map<Integer, AppHandler> handlers = new HashMap<>();

    private OverlayRuntime(InetSocketAddress bind, Function<InetSocketAddress, OverlayNode> nodeFactory,
                           Consumer<? super OverlayEvent> listener) throws IOException {
        this.listener = Objects.requireNonNull(listener, "listener");
        OverlayNode[] created = new OverlayNode[1];
        this.udp = UdpRuntime.start(bind, local -> {
            created[0] = nodeFactory.apply(local);
            created[0].localAddresses(boundAddresses(local)); // before the loop starts: no race
            return created[0];
        }, this::onEvent, true);
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

    /**
     * Sends {@code payload} to {@code service} at {@code to} (APP_REQUEST) and completes with the
     * answer's payload, or fails with {@link AppRequestFailedException} (timeout, refusal, wrong node).
     *
     * @param expected the NodeId believed to be at {@code to}, or null
     */
    public CompletableFuture<byte[]> appRequest(InetSocketAddress to, NodeId expected, int service, byte[] payload) {
        Objects.requireNonNull(to, "to");
        byte[] copy = payload.clone();
        return udp.submit(now -> register(appRequests, node.appRequest(now, to, expected, service, copy))).thenCompose(f -> f);
    }

    /**
     * Serves {@code service} with {@code handler} (replacing any earlier one); requests for services
     * nobody serves are refused with ERROR UNKNOWN_SERVICE by the core.
     */
    public CompletableFuture<Void> serve(int service, AppHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return udp.submit(now -> {
            handlers.put(service, handler);
            node.serveApp(service);
            return null;
        });
    }

    /** Stops serving {@code service}. */
    public CompletableFuture<Void> stopServing(int service) {
        return udp.submit(now -> {
            handlers.remove(service);
            node.stopServingApp(service);
            return null;
        });
    }

    /**
     * Carries this node's datagrams over TCP from now on, because its UDP is blocked (docs/PROTOCOL.md
     * "Datagrams over TCP"): the node stays {@code UDP_BLOCKED} and a DHT client. Join again
     * afterwards to reach the bootstrap nodes over TCP. False goes back to UDP.
     */
    public CompletableFuture<Void> useTcp(boolean on) {
        return udp.submit(now -> {
            node.overTcp(on);
            udp.useTcp(on);
            return null;
        });
    }

    /** Whether this node's datagrams leave over TCP ({@link #useTcp}). */
    public boolean usesTcp() {
        return udp.usesTcp();
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
        appRequests.values().forEach(f -> f.completeExceptionally(closed));
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
        } else if (event instanceof AppResponse e) {
            complete(appRequests, e.rpcId(), e.payload());
        } else if (event instanceof AppFailed e) {
            CompletableFuture<byte[]> f = appRequests.remove(e.rpcId());
            if (f != null) f.completeExceptionally(new AppRequestFailedException(e.reason(), e.detail()));
        } else if (event instanceof OverlayEvent.AppRequest e) {
            dispatch(e);
        } else if (event instanceof JoinCompleted e) {
            List<CompletableFuture<JoinCompleted>> waiting = new ArrayList<>(joins);
            joins.clear();
            waiting.forEach(f -> f.complete(e));
        }
        listener.accept(event);
    }

    /** Runs the service's handler on the loop thread; answers when its stage completes (on the loop thread again). */
    private void dispatch(OverlayEvent.AppRequest e) {
        AppHandler handler = handlers.get(e.service());
        CompletionStage<byte[]> answer;
        try {
            answer = handler == null
                    ? CompletableFuture.failedFuture(new AppRefusedException(ErrorCode.UNKNOWN_SERVICE, "no service " + e.service()))
                    : handler.handle(new AppHandler.Call(e.from(), e.sender(), e.service(), e.payload()));
        } catch (RuntimeException thrown) {
            answer = CompletableFuture.failedFuture(thrown);
        }
        answer.whenComplete((payload, failure) -> {
            try {
                udp.submit(now -> {
                    answer(now, e, payload, failure);
                    return null;
                });
            } catch (RuntimeException closed) {
                // the runtime closed meanwhile: nobody to answer through
            }
        });
    }

    private void answer(long now, OverlayEvent.AppRequest e, byte[] payload, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause == null && payload != null) {
            node.respondApp(now, e.from(), e.transactionId(), e.service(), payload);
        } else if (cause instanceof AppRefusedException r) {
            node.refuseApp(now, e.from(), e.transactionId(), r.code(), String.valueOf(r.getMessage()));
        } else {
            log.warn("service {} failed on a request from {}", e.service(), e.from(), cause);
            node.refuseApp(now, e.from(), e.transactionId(), ErrorCode.OVERLOADED, "service failed");
        }
    }

    private static <T> void complete(Map<Long, CompletableFuture<T>> pending, long lookupId, T event) {
        CompletableFuture<T> f = pending.remove(lookupId);
        if (f != null) f.complete(event);
    }
}
