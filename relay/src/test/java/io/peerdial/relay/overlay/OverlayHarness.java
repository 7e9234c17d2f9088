package io.peerdial.relay.overlay;

import io.peerdial.location.overlay.InMemoryOverlayAccess;
import io.peerdial.location.map.SignedDhtMap;
import io.peerdial.location.storage.BindingStoragePolicy;
import io.peerdial.location.storage.StorageLimits;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayConfig;
import io.peerdial.overlay.kademlia.OverlayEvent;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.testkit.InMemoryNetwork;
import io.peerdial.testkit.LatencyModel;
import io.peerdial.testkit.NodeHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Real {@link OverlayNode}s storing with {@link BindingStoragePolicy} (MAP_VALUE entries) on the
 * in-memory network, each with dht-location's {@link InMemoryOverlayAccess} (from its test-jar)
 * for the DHT map.
 */
final class OverlayHarness {
    static final long T0 = 1_700_000_000_000L;
    final InMemoryNetwork net = InMemoryNetwork.builder().seed(17).startTime(T0).latency(LatencyModel.perPair(5, 80, 7)).build();
    final List<InMemoryOverlayAccess> members = new ArrayList<>();

    OverlayHarness growTo(int n) {
        while (members.size() < n) {
            var core = new OverlayNode(OverlayConfig.defaults(), NodeKeyPair.generate(net.newRandom()),
                    new BindingStoragePolicy(StorageLimits.DEFAULT, TrustAnchors.none(), null), net.newRandom());
            NodeHandle<OverlayNode, OverlayEvent> h = net.add(net.nextAddress(), core);
            var bootstrap = members.isEmpty() ? List.<java.net.InetSocketAddress>of() : List.of(members.get(0).node().address());
            members.add(new InMemoryOverlayAccess(net, h));
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
}
