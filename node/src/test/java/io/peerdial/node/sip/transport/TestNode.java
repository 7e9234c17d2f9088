package io.peerdial.node.sip.transport;

import io.peerdial.location.map.EntryPublisher;
import io.peerdial.location.read.VerifiedBinding;
import io.peerdial.location.runtime.RuntimeOverlayAccess;
import io.peerdial.location.service.BindingPublisher;
import io.peerdial.location.service.Location;
import io.peerdial.location.storage.BindingStoragePolicy;
import io.peerdial.location.storage.StorageLimits;
import io.peerdial.location.trust.PinSet;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayConfig;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.limit.SourceRateLimiter;
import io.peerdial.overlay.runtime.OverlayRuntime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** One node for tests: overlay runtime, location services and the SIP service, all on loopback. */
final class TestNode implements AutoCloseable {

    static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    final NodeKeyPair identity;
    final OverlayRuntime runtime;
    final RuntimeOverlayAccess access;
    final Location location;
    final SipService sip;

    TestNode(SplittableRandom random, NodeKeyPair userKey, TestNode bootstrap) throws Exception {
        this(random, userKey, bootstrap, UnaryOperator.identity());
    }

    TestNode(SplittableRandom random, NodeKeyPair userKey, TestNode bootstrap, MediaAnchor anchor) throws Exception {
        this(random, userKey, bootstrap, UnaryOperator.identity(), UnaryOperator.identity(), anchor);
    }

    /** {@code found} rewrites what this node's lookups return before the SIP service forks to it. */
    TestNode(SplittableRandom random, NodeKeyPair userKey, TestNode bootstrap, UnaryOperator<List<VerifiedBinding>> found)
            throws Exception {
        this(random, userKey, bootstrap, found, UnaryOperator.identity());
    }

    /** {@code settings} adjusts the SIP service's settings (e.g. the AORs it serves). */
    TestNode(SplittableRandom random, NodeKeyPair userKey, TestNode bootstrap, UnaryOperator<List<VerifiedBinding>> found,
             UnaryOperator<SipService.Settings> settings) throws Exception {
        this(random, userKey, bootstrap, found, settings, MediaAnchor.NONE);
    }

    TestNode(SplittableRandom random, NodeKeyPair userKey, TestNode bootstrap, UnaryOperator<List<VerifiedBinding>> found,
             UnaryOperator<SipService.Settings> settings, MediaAnchor anchor) throws Exception {
        this(random, userKey, bootstrap, found, settings, anchor, false);
    }

    /** {@code overlayOverTcp}: the overlay carries its datagrams over TCP from the start, as a UDP-blocked node's does. */
    TestNode(SplittableRandom random, NodeKeyPair userKey, TestNode bootstrap, boolean overlayOverTcp) throws Exception {
        this(random, userKey, bootstrap, UnaryOperator.identity(), UnaryOperator.identity(), MediaAnchor.NONE, overlayOverTcp);
    }

    private TestNode(SplittableRandom random, NodeKeyPair userKey, TestNode bootstrap, UnaryOperator<List<VerifiedBinding>> found,
             UnaryOperator<SipService.Settings> settings, MediaAnchor anchor, boolean overlayOverTcp) throws Exception {
        identity = NodeKeyPair.generate(random.split());
        SplittableRandom nodeRandom = random.split();
        long salt = random.nextLong();
        runtime = OverlayRuntime.start(ANY_LOOPBACK, local -> new OverlayNode(OverlayConfig.defaults(), identity,
                new BindingStoragePolicy(StorageLimits.DEFAULT, TrustAnchors.none(), new SourceRateLimiter(1000, 2000, 64, salt)),
                nodeRandom), e -> {});
        if (overlayOverTcp) runtime.useTcp(true).get(10, TimeUnit.SECONDS);
        runtime.join(bootstrap == null ? List.of() : List.of(bootstrap.runtime.localAddress())).get(10, TimeUnit.SECONDS);
        access = new RuntimeOverlayAccess(runtime);
        location = new Location(access, TrustAnchors.none(), new PinSet(), null);
        BindingPublisher publisher = new BindingPublisher(new EntryPublisher(access));
        sip = SipService.start(settings.apply(new SipService.Settings(ANY_LOOPBACK, ANY_LOOPBACK, java.time.Duration.ofSeconds(3), 100,
                        16 * 1024)),
                identity, (java.util.function.Function<io.peerdial.location.binding.Aor,
                        java.util.concurrent.CompletableFuture<List<VerifiedBinding>>>) aor -> location.lookup(aor).thenApply(found),
                Registrar.Bindings.of(publisher, userKey, identity.nodeId()), anchor);
    }

    @Override
    public void close() {
        try {
            sip.close();
        } finally {
            access.close();
            runtime.close();
        }
    }
}
