package io.peerdial.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.testkit.fakes.GossipCore;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One seed, one run: random latency, loss and core randomness replay exactly. */
class InMemoryNetworkDeterminismTest {

    @Test
    void oneSeedGivesIdenticalTracesAndAnotherSeedDiffers() {
        List<String> first = run(42, 50);
        List<String> second = run(42, 50);
        List<String> other = run(43, 50);
        assertThat(first).hasSizeGreaterThan(1_000);
        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void twoThousandNodesExchangeHundredsOfThousandsOfDatagrams() {
        // Sized like the overlay tests the harness must carry (2,000 nodes); asserts accounting only,
        // never speed (performance figures come from JMH).
        InMemoryNetwork net = network(7);
        List<NodeHandle<GossipCore, Long>> nodes = addGossipers(net, 2_000);
        net.runFor(60_000);
        long in = 0;
        long out = 0;
        for (var h : nodes) {
            in += h.datagramsIn();
            out += h.datagramsOut();
            assertThat(h.eventCount()).isEqualTo(h.datagramsIn());
        }
        assertThat(out).isGreaterThan(200_000).isEqualTo(net.stats().datagramsSent());
        assertThat(in).isEqualTo(net.stats().datagramsDelivered());
        assertThat(net.stats().datagramsSent()).isEqualTo(net.stats().datagramsDelivered() + net.stats().datagramsLost() + (net.pendingEvents() - nodes.size()) );
    }

    private static List<String> run(long seed, int nodeCount) {
        InMemoryNetwork net = network(seed);
        List<String> trace = new ArrayList<>();
        net.setInterceptor((now, from, to, payload) -> {
            trace.add(now + " " + from + " -> " + to + " " + ByteBuffer.wrap(payload).getLong());
            return payload;
        });
        List<NodeHandle<GossipCore, Long>> nodes = addGossipers(net, nodeCount);
        net.runFor(20_000);
        for (var h : nodes) {
            trace.add(h.address() + " got " + h.takeEvents());
        }
        trace.add("lost " + net.stats().datagramsLost());
        return trace;
    }

    private static InMemoryNetwork network(long seed) {
        return InMemoryNetwork.builder().seed(seed)
                .latency(LatencyModel.uniform(5, 120))
                .loss(LossModel.independent(0.05))
                .build();
    }

    private static List<NodeHandle<GossipCore, Long>> addGossipers(InMemoryNetwork net, int count) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add(VirtualAddresses.spread(i));
        }
        List<NodeHandle<GossipCore, Long>> nodes = new ArrayList<>();
        for (InetSocketAddress a : addresses) {
            nodes.add(net.add(a, new GossipCore(addresses, net.newRandom(), net.now(), 500)));
        }
        return nodes;
    }
}
