package io.peerdial.relay.overlay;

import io.peerdial.location.map.OverlayAccess;
import io.peerdial.location.map.SignedDhtMap;
import io.peerdial.location.storage.BindingStoragePolicy;
import io.peerdial.location.storage.StorageLimits;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayConfig;
import io.peerdial.overlay.kademlia.OverlayEvent;
import io.peerdial.overlay.kademlia.OverlayEvent.StoreCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.ValuesFound;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.testkit.InMemoryNetwork;
import io.peerdial.testkit.LatencyModel;
import io.peerdial.testkit.NodeHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Real {@link OverlayNode}s storing with {@link BindingStoragePolicy} (MAP_VALUE entries) on the
 * in-memory network, each with an {@link OverlayAccess} for the DHT map. The adapter mirrors
 * dht-location's test InMemoryOverlayAccess, which relay cannot reach (no test-jar).
 */
final class OverlayHarness {
    static final long T0 = 1_700_000_000_000L;
    final InMemoryNetwork net = InMemoryNetwork.builder().seed(17).startTime(T0).latency(LatencyModel.perPair(5, 80, 7)).build();
    final List<Access> members = new ArrayList<>();

    OverlayHarness growTo(int n) {
        while (members.size() < n) {
            var core = new OverlayNode(OverlayConfig.defaults(), NodeKeyPair.generate(net.newRandom()),
                    new BindingStoragePolicy(StorageLimits.DEFAULT, TrustAnchors.none(), null), net.newRandom());
            NodeHandle<OverlayNode, OverlayEvent> h = net.add(net.nextAddress(), core);
            var bootstrap = members.isEmpty() ? List.<java.net.InetSocketAddress>of() : List.of(members.get(0).node.address());
            members.add(new Access(h));
            net.invoke(h, (c, now) -> c.join(now, bootstrap));
            net.runFor(20);
        }
        net.runFor(30_000);
        return this;
    }

    SignedDhtMap map(int member, NodeKeyPair owner) {
        return new SignedDhtMap(members.get(member), owner, Duration.ofMinutes(10));
    }

    <T> T await(CompletableFuture<T> f) {
        if (!net.runFor(f::isDone, 120_000)) throw new AssertionError("not done after 120 s of virtual time");
        return f.join();
    }

    final class Access implements OverlayAccess {
        final NodeHandle<OverlayNode, OverlayEvent> node;
        private final Map<Long, CompletableFuture<OverlayEvent>> pending = new HashMap<>();
        private final Map<Long, OverlayEvent> early = new HashMap<>();

        Access(NodeHandle<OverlayNode, OverlayEvent> node) {
            this.node = node;
            node.recordEvents(false).onEvent(this::onEvent);
        }

        @Override
        public long now() {
            return net.now();
        }

        @Override
        public CompletableFuture<ValuesFound> findValue(NodeId key) {
            return register(net.call(node, (core, now) -> core.findValue(now, key))).thenApply(ValuesFound.class::cast);
        }

        @Override
        public CompletableFuture<StoreCompleted> store(NodeId key, byte[] value) {
            byte[] copy = value.clone();
            return register(net.call(node, (core, now) -> core.store(now, key, copy))).thenApply(StoreCompleted.class::cast);
        }

        @Override
        public void schedule(long at, Runnable task) {
            net.schedule(Math.max(at, net.now()), () -> {
                if (node.isAlive()) task.run();
            });
        }

        private CompletableFuture<OverlayEvent> register(long id) {
            CompletableFuture<OverlayEvent> f = new CompletableFuture<>();
            OverlayEvent done = early.remove(id);
            if (done != null) f.complete(done);
            else pending.put(id, f);
            return f;
        }

        private void onEvent(OverlayEvent event) {
            long id;
            if (event instanceof ValuesFound e) id = e.lookupId();
            else if (event instanceof StoreCompleted e) id = e.lookupId();
            else return;
            CompletableFuture<OverlayEvent> f = pending.remove(id);
            if (f != null) f.complete(event);
            else early.put(id, event);
        }
    }
}
