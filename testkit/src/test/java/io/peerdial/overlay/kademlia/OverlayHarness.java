package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.storage.InMemoryStoragePolicy;
import io.peerdial.testkit.InMemoryNetwork;
import io.peerdial.testkit.NodeHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Builds overlays of real {@link OverlayNode}s on an {@link InMemoryNetwork} for the tests in this package. */
final class OverlayHarness {

    final InMemoryNetwork net;
    final OverlayConfig config;
    final List<NodeHandle<OverlayNode, OverlayEvent>> nodes = new ArrayList<>();
    final RandomGenerator random;

    OverlayHarness(InMemoryNetwork net, OverlayConfig config) {
        this.net = net;
        this.config = config;
        this.random = net.newRandom();
    }

    NodeHandle<OverlayNode, OverlayEvent> addNode() {
        OverlayNode core = new OverlayNode(config, NodeKeyPair.generate(net.newRandom()), new InMemoryStoragePolicy(), net.newRandom());
        NodeHandle<OverlayNode, OverlayEvent> h = net.add(net.nextAddress(), core);
        nodes.add(h);
        return h;
    }

    /** Node 0 starts the overlay; node i joins through a random earlier node, {@code spacingMs} apart. */
    void growTo(int n, long spacingMs) {
        while (nodes.size() < n) {
            NodeHandle<OverlayNode, OverlayEvent> h = addNode();
            int i = nodes.size() - 1;
            var bootstrap = i == 0 ? List.<java.net.InetSocketAddress>of() : List.of(nodes.get(random.nextInt(i)).address());
            net.invoke(h, (core, now) -> core.join(now, bootstrap));
            net.runFor(spacingMs);
        }
    }

    /** Runs one FIND_NODE from {@code from} to completion (bounded) and returns its event. */
    OverlayEvent.LookupCompleted findNode(NodeHandle<OverlayNode, OverlayEvent> from, NodeId target) {
        long id = net.call(from, (core, now) -> core.findNode(now, target));
        OverlayEvent.LookupCompleted[] done = new OverlayEvent.LookupCompleted[1];
        boolean finished = net.runFor(() -> {
            for (var e : from.events(OverlayEvent.LookupCompleted.class)) if (e.lookupId() == id) { done[0] = e; return true; }
            return false;
        }, 60_000);
        if (!finished) throw new AssertionError("lookup " + id + " did not finish in 60 s of virtual time");
        from.takeEvents();
        return done[0];
    }

    List<NodeId> liveIdsSortedByDistance(NodeId target) {
        List<NodeId> ids = new ArrayList<>();
        for (var h : nodes) if (h.isAlive()) ids.add(h.core().nodeId());
        ids.sort((a, b) -> target.compareDistance(a, b));
        return ids;
    }
}
