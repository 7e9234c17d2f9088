package io.peerdial.location.overlay;

import io.peerdial.location.Fixtures;
import io.peerdial.location.storage.BindingStoragePolicy;
import io.peerdial.location.storage.StorageLimits;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayConfig;
import io.peerdial.overlay.kademlia.OverlayEvent;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.testkit.InMemoryNetwork;
import io.peerdial.testkit.LatencyModel;
import io.peerdial.testkit.NodeHandle;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/** Overlays of real {@link OverlayNode}s storing with {@link BindingStoragePolicy}, on an in-memory network. */
public final class LocationHarness {

    public record Member(NodeHandle<OverlayNode, OverlayEvent> handle, BindingStoragePolicy storage, InMemoryOverlayAccess access) {
        public NodeId id() {
            return handle.core().nodeId();
        }
    }

    public final InMemoryNetwork net;
    public final OverlayConfig config = OverlayConfig.defaults();
    public final List<Member> members = new ArrayList<>();
    public final RandomGenerator random;

    private final TrustAnchors anchors;

    public LocationHarness(long seed) {
        this(seed, TrustAnchors.none());
    }

    /** Storing nodes enforce {@code anchors} (as {@code peerdial node --trust-anchor}). */
    public LocationHarness(long seed, TrustAnchors anchors) {
        this.anchors = anchors;
        this.net = InMemoryNetwork.builder().seed(seed).startTime(Fixtures.T0).latency(LatencyModel.perPair(5, 80, 7)).build();
        this.random = net.newRandom();
    }

    public Member add(NodeKeyPair identity) {
        var storage = new BindingStoragePolicy(StorageLimits.DEFAULT, anchors, null);
        var core = new OverlayNode(config, identity, storage, net.newRandom());
        NodeHandle<OverlayNode, OverlayEvent> h = net.add(net.nextAddress(), core);
        Member m = new Member(h, storage, new InMemoryOverlayAccess(net, h));
        members.add(m);
        return m;
    }

    /** Adds a node and joins it through a random live member. */
    public Member join(NodeKeyPair identity) {
        List<Member> live = members.stream().filter(x -> x.handle().isAlive()).toList();
        Member m = add(identity);
        List<InetSocketAddress> bootstrap = live.isEmpty() ? List.of() : List.of(live.get(random.nextInt(live.size())).handle().address());
        net.invoke(m.handle(), (core, now) -> core.join(now, bootstrap));
        return m;
    }

    /** Grows to {@code n} nodes, {@code spacingMs} apart, then lets the tables settle. */
    public LocationHarness growTo(int n, long spacingMs) {
        while (members.size() < n) {
            join(NodeKeyPair.generate(net.newRandom()));
            net.runFor(spacingMs);
        }
        net.runFor(30_000);
        return this;
    }

    /** Runs the network until {@code f} completes (at most 2 virtual minutes) and returns its value. */
    public <T> T await(CompletableFuture<T> f) {
        if (!net.runFor(f::isDone, 120_000)) throw new AssertionError("not done after 120 s of virtual time");
        return f.join();
    }

    /** Live members sorted by XOR distance to {@code key}, closest first. */
    public List<Member> liveByDistance(NodeId key) {
        List<Member> live = new ArrayList<>(members.stream().filter(m -> m.handle().isAlive()).toList());
        live.sort(Comparator.comparing(Member::id, key::compareDistance));
        return live;
    }

    /** Live members that hold at least one value under {@code key}, closest first. */
    public List<Member> holders(NodeId key) {
        return liveByDistance(key).stream().filter(m -> !m.storage().get(net.now(), key).isEmpty()).toList();
    }

    public Member randomLive() {
        List<Member> live = members.stream().filter(m -> m.handle().isAlive()).toList();
        return live.get(random.nextInt(live.size()));
    }
}
