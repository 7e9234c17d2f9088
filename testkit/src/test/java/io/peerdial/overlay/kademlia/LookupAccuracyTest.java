package io.peerdial.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.testkit.InMemoryNetwork;
import io.peerdial.testkit.LatencyModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue #2's acceptance criteria for lookups, on 2,000 real {@link OverlayNode}s in the in-memory
 * network: exact k closest without churn; closest live node with 20% of nodes gone silently.
 */
class LookupAccuracyTest {

    private static final int NODES = 2_000;
    private static final int LOOKUPS = 400;

    @Test
    void twoThousandNodesFindTheTrueClosestAndSurviveTwentyPercentSilentDepartures() {
        InMemoryNetwork net = InMemoryNetwork.builder().seed(2026).latency(LatencyModel.perPair(5, 80, 7)).build();
        OverlayHarness o = new OverlayHarness(net, OverlayConfig.defaults());
        o.growTo(NODES, 20);
        net.runFor(30_000);

        int exactK = 0, closestRight = 0;
        for (int i = 0; i < LOOKUPS; i++) {
            NodeId target = NodeId.random(o.random);
            var from = o.nodes.get(o.random.nextInt(NODES));
            List<NodeId> truth = o.liveIdsSortedByDistance(target);
            List<NodeId> expected = truth.stream().filter(id -> !id.equals(from.core().nodeId())).limit(20).toList();
            List<NodeId> found = o.findNode(from, target).closest().stream().map(Contact::id).toList();
            if (found.equals(expected)) exactK++;
            if (!found.isEmpty() && found.get(0).equals(expected.get(0))) closestRight++;
        }
        LoggerFactory.getLogger(LookupAccuracyTest.class).info("no churn: {}/{} exact 20 closest, {}/{} closest; {} events",
                exactK, LOOKUPS, closestRight, LOOKUPS, net.stats().eventsProcessed());
        assertThat(exactK).as("lookups returning exactly the true 20 closest").isGreaterThanOrEqualTo((int) Math.ceil(0.99 * LOOKUPS));
        assertThat(closestRight).as("lookups returning the true closest").isEqualTo(LOOKUPS);

        // 20% of the nodes vanish without a word
        for (int i = 0; i < NODES; i++) if (o.random.nextInt(5) == 0) net.kill(o.nodes.get(i));
        int closestLive = 0, completed = 0, asked = 0;
        for (int i = 0; i < LOOKUPS; i++) {
            var from = o.nodes.get(o.random.nextInt(NODES));
            if (!from.isAlive()) continue;
            asked++;
            NodeId target = NodeId.random(o.random);
            NodeId best = o.liveIdsSortedByDistance(target).stream().filter(id -> !id.equals(from.core().nodeId())).findFirst().orElseThrow();
            var done = o.findNode(from, target);
            completed++;
            if (!done.closest().isEmpty() && done.closest().get(0).id().equals(best)) closestLive++;
        }
        LoggerFactory.getLogger(LookupAccuracyTest.class).info("20% silently gone: {}/{} completed, {}/{} closest live node",
                completed, asked, closestLive, asked);
        assertThat(completed).isEqualTo(asked);
        assertThat(closestLive).as("lookups returning the true closest live node after 20%% churn")
                .isGreaterThanOrEqualTo((int) Math.ceil(0.95 * asked));
    }
}
