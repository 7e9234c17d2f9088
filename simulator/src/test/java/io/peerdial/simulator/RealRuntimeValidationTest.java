package io.peerdial.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayConfig;
import io.peerdial.overlay.kademlia.OverlayEvent.LookupCompleted;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.runtime.OverlayRuntime;
import io.peerdial.overlay.storage.InMemoryStoragePolicy;
import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.io.ExperimentFiles;
import io.peerdial.simulator.runtime.SimRunner;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator against the real runtime (issue 7, validation): 50 {@link OverlayNode}s on real
 * loopback UDP sockets ({@link OverlayRuntime}, Ed25519 identities) and 50 simulated nodes, the
 * same topology — the same size, k = 4 and α = 3, each node joining through the one that joined before it
 * (the simulator's {@code join.bootstrap = chain}) — then lookups of random targets from random
 * nodes. The median hop count (LookupCompleted.rounds) of both must agree within one. The IDs
 * differ (real keys vs the simulator's identities): hop counts depend on the ID distribution, not
 * on the particular IDs.
 */
class RealRuntimeValidationTest {

    private static final Logger log = LoggerFactory.getLogger(RealRuntimeValidationTest.class);
    private static final int NODES = 50;
    private static final int LOOKUPS = 100;
    private static final long WAIT_S = 20;
    /** Small buckets so that lookups in 50 nodes take several hops (with k = 20 nearly every lookup is one round). */
    private static final int K = 4;

    @TempDir
    Path dir;

    @Test
    void medianHopsAgreeWithFiftyRealLoopbackNodes() throws Exception {
        int real = realMedianHops();
        Experiment e = ExperimentFiles.load("lookup-scale").with("nodes", Integer.toString(NODES)).with("join.bootstrap", "chain")
                .with("overlay.k", Integer.toString(K))
                .with("join.seconds", "50").with("warmup", "60").with("duration", "600").with("lookups.perNodePerHour", "60")
                .with("network.rttMedianMs", "1").with("network.accessMeanMs", "0").with("network.jitterMs", "0");
        SimRunner.run(e, dir, null, false);
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        int simulated = s.at("/lookups/hops/median").asInt();
        log.info("median lookup hops: real loopback {} , simulator {} ({} simulated lookups)", real, simulated,
                s.at("/lookups/total").asInt());
        assertThat(s.at("/lookups/total").asInt()).isGreaterThan(LOOKUPS);
        assertThat(real).isBetween(2, 6); // several hops: the comparison says something
        assertThat(Math.abs(real - simulated)).as("real %d vs simulated %d", real, simulated).isLessThanOrEqualTo(1);
    }

    private static int realMedianHops() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        OverlayConfig config = OverlayConfig.defaults().withK(K);
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        List<OverlayRuntime> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                NodeKeyPair identity = NodeKeyPair.generate(random.split());
                SplittableRandom nodeRandom = random.split();
                nodes.add(OverlayRuntime.start(any,
                        local -> new OverlayNode(config, identity, new InMemoryStoragePolicy(), nodeRandom), ev -> {}));
            }
            nodes.get(0).join(List.of()).get(WAIT_S, TimeUnit.SECONDS);
            for (int i = 1; i < NODES; i++) {
                nodes.get(i).join(List.of(nodes.get(i - 1).localAddress())).get(WAIT_S, TimeUnit.SECONDS);
            }
            awaitQuiet(nodes);
            int[] hops = new int[LOOKUPS];
            for (int q = 0; q < LOOKUPS; q++) {
                LookupCompleted done = nodes.get(random.nextInt(NODES)).findNode(NodeId.random(random)).get(WAIT_S, TimeUnit.SECONDS);
                hops[q] = done.rounds();
            }
            Arrays.sort(hops);
            return hops[(LOOKUPS + 1) / 2 - 1]; // nearest-rank median, as the simulator's metrics
        } finally {
            nodes.forEach(OverlayRuntime::close);
        }
    }

    /** Bounded poll until no node has a request in flight (the joins' follow-up work is done). */
    private static void awaitQuiet(List<OverlayRuntime> nodes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            int pending = 0;
            for (OverlayRuntime n : nodes) pending += n.status().get(WAIT_S, TimeUnit.SECONDS).pendingRequests();
            if (pending == 0) return;
            Thread.sleep(50);
        }
        throw new AssertionError("the overlay did not go quiet within " + WAIT_S + " s");
    }
}
