package io.peerdial.benchmarks;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayConfig;
import io.peerdial.overlay.kademlia.OverlayEvent;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.protocol.Transmit;
import io.peerdial.overlay.storage.InMemoryStoragePolicy;
import io.peerdial.overlay.wire.FindNode;
import io.peerdial.overlay.wire.Header;
import io.peerdial.overlay.wire.MessageCodec;
import io.peerdial.testkit.InMemoryNetwork;
import io.peerdial.testkit.NodeHandle;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The protocol core's share of answering one FIND_NODE, without sockets: a FIND_NODE datagram from a
 * DHT client (never added to tables, as in FindNodeLoad) into {@link OverlayNode#handleDatagram}, and
 * the NODES answer out of {@code pollTransmit()}. Decode, rate limiter (lifted), closest k + 1,
 * write token (HMAC-SHA256), encode. The node under test is the first of an overlay of
 * {@code nodes} nodes grown on the in-memory network of {@code testkit} (real Ed25519 proofs, public
 * addresses in distinct /24s, default subnet limits), so its routing table has the size a real
 * node of such a network has. Results: docs/PERFORMANCE.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FindNodeAnswerBenchmark {

    private static final int REQUESTS = 1024;

    @Param({"100", "1000"})
    public int nodes;

    /** Contacts in the table of the node under test once the overlay settled (printed in setup). */
    public int tableSize;

    private OverlayNode node;
    private InetSocketAddress client;
    private byte[][] requests;
    private int next;
    private long now;

    @Setup
    public void setUp() {
        InMemoryNetwork net = new InMemoryNetwork(11);
        OverlayConfig config = OverlayConfig.defaults().withRateLimit(1e9, 1e9);
        List<NodeHandle<OverlayNode, OverlayEvent>> all = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < nodes; i++) {
            OverlayNode core = new OverlayNode(config, NodeKeyPair.generate(net.newRandom()), new InMemoryStoragePolicy(), net.newRandom());
            NodeHandle<OverlayNode, OverlayEvent> h = net.add(net.nextAddress(), core);
            List<InetSocketAddress> bootstrap = i == 0 ? List.of() : List.of(all.get(random.nextInt(i)).address());
            all.add(h);
            net.invoke(h, (c, t) -> c.join(t, bootstrap));
            net.runFor(200);
        }
        net.runFor(120_000);
        node = all.get(0).core();
        tableSize = node.routingTable().size();
        System.out.printf("%n[setup] node under test: %d contacts in an overlay of %d nodes%n", tableSize, nodes);
        client = net.nextAddress();
        NodeId clientId = NodeId.random(random);
        requests = new byte[REQUESTS][];
        for (int i = 0; i < REQUESTS; i++) {
            requests[i] = MessageCodec.encode(new FindNode(new Header(random.nextLong(), clientId, true), NodeId.random(random)));
        }
        now = net.now();
    }

    @Benchmark
    public int answerFindNode() {
        node.handleDatagram(++now, client, requests[next = (next + 1) & (REQUESTS - 1)]);
        int bytes = 0;
        for (Transmit t; (t = node.pollTransmit()) != null; ) bytes += t.payload().length;
        return bytes;
    }
}
