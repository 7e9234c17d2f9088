package io.peerdial.overlay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayConfig;
import io.peerdial.overlay.kademlia.OverlayEvent.LookupCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.StoreCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.ValuesFound;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.kademlia.OverlayStatus;
import io.peerdial.overlay.storage.InMemoryStoragePolicy;
import io.peerdial.overlay.wire.Contact;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue #2, real sockets: 64 {@link OverlayNode}s, each on its own {@link OverlayRuntime} on
 * 127.0.0.1 with real Ed25519 identities and the default configuration (loopback is exempt from
 * the per-subnet limits), bootstrapped in a chain (node i joins through node i-1). Once the joins
 * are done and the overlay is quiet, lookups of random keys from several nodes must return exactly
 * the true k = 20 closest of the 64 NodeIds, and a STORE then FIND_VALUE must round-trip.
 */
class LoopbackOverlayTest {

    private static final int NODES = 64;
    private static final int K = 20;
    private static final long WAIT_S = 20;
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final SplittableRandom random = new SplittableRandom(20_021_121);

    @Test
    void sixtyFourNodesInAChainConvergeAndFindTheTrueKClosest() throws Exception {
        OverlayConfig config = OverlayConfig.defaults();
        List<OverlayRuntime> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                NodeKeyPair identity = NodeKeyPair.generate(random.split());
                SplittableRandom nodeRandom = random.split();
                nodes.add(OverlayRuntime.start(ANY_LOOPBACK_PORT,
                        local -> new OverlayNode(config, identity, new InMemoryStoragePolicy(), nodeRandom), e -> {}));
            }
            nodes.get(0).join(List.of()).get(WAIT_S, TimeUnit.SECONDS);
            for (int i = 1; i < NODES; i++) {
                // JoinCompleted.contacts() may still be 0 here: the bootstrap's identity proof can
                // finish after the (one-node) lookup converged. The table fills right after.
                nodes.get(i).join(List.of(nodes.get(i - 1).localAddress())).get(WAIT_S, TimeUnit.SECONDS);
            }
            awaitQuiet(nodes);
            for (OverlayRuntime n : nodes) {
                assertThat(n.status().get(WAIT_S, TimeUnit.SECONDS).contacts()).as("table of %s", n.nodeId().shortHex())
                        .isGreaterThanOrEqualTo(K);
            }

            List<NodeId> all = nodes.stream().map(OverlayRuntime::nodeId).toList();
            for (int q = 0; q < 8; q++) {
                OverlayRuntime asker = nodes.get(random.nextInt(NODES));
                NodeId target = NodeId.random(random);
                LookupCompleted done = asker.findNode(target).get(WAIT_S, TimeUnit.SECONDS);
                assertThat(done.closest().stream().map(Contact::id).toList())
                        .as("lookup %d of %s from %s", q, target.shortHex(), asker.nodeId().shortHex())
                        .containsExactlyElementsOf(trueClosest(all, target, asker.nodeId()));
            }

            NodeId key = NodeId.random(random);
            byte[] value = "sip:alice@example.org -> 127.0.0.1".getBytes(StandardCharsets.UTF_8);
            StoreCompleted stored = nodes.get(7).store(key, value).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(stored.storedCount()).as("holders that stored the value").isEqualTo(K);
            ValuesFound found = nodes.get(NODES - 3).findValue(key).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(found.values()).isNotEmpty().allSatisfy(v -> assertThat(v).isEqualTo(value));
        } finally {
            nodes.forEach(OverlayRuntime::close);
        }
        assertThat(nodes).allSatisfy(n -> assertThat(n.udp().isRunning()).isFalse());
    }

    /** The k NodeIds closest to {@code target} among all nodes but the asker (a lookup never returns its asker). */
    private static List<NodeId> trueClosest(List<NodeId> all, NodeId target, NodeId asker) {
        return all.stream().filter(id -> !id.equals(asker))
                .sorted(Comparator.comparing((NodeId id) -> id, target::compareDistance))
                .limit(K).toList();
    }

    /**
     * Waits (bounded) until no node has a request in flight: the joins' follow-up work (bucket
     * refreshes, identity proofs of newly met contacts) is done. Polls: a set of separate event
     * loops has no single event that says "quiet".
     */
    private static void awaitQuiet(List<OverlayRuntime> nodes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            int pending = 0;
            for (OverlayRuntime n : nodes) {
                CompletableFuture<OverlayStatus> s = n.status();
                pending += s.get(WAIT_S, TimeUnit.SECONDS).pendingRequests();
            }
            if (pending == 0) return;
            Thread.sleep(50);
        }
        throw new AssertionError("the overlay did not go quiet within " + WAIT_S + " s");
    }
}
