package io.peerdial.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReflexiveObserversTest {

    @Test
    void reportsTheFirstTwoDistinctObserversOfEachAddress() throws UnknownHostException {
        ReflexiveObservers o = new ReflexiveObservers();
        SplittableRandom r = new SplittableRandom(2);
        InetSocketAddress a = address(1);
        NodeId x = NodeId.random(r), y = NodeId.random(r), z = NodeId.random(r);
        assertThat(o.note(a, x)).isTrue();
        assertThat(o.note(a, NodeId.fromBytes(x.toBytes()))).isFalse(); // an equal id is the same observer
        assertThat(o.note(new InetSocketAddress(a.getAddress(), a.getPort()), y)).isTrue(); // an equal address too
        assertThat(o.note(a, z)).isFalse(); // two are enough
        assertThat(o.note(address(2), z)).isTrue();
        assertThat(o.addresses()).isEqualTo(2);
    }

    /** The map of sets it replaced in OverlayNode, as the model: same answers under random reports. */
    @Test
    void agreesWithAMapOfSets() throws UnknownHostException {
        SplittableRandom r = new SplittableRandom(9);
        NodeId[] ids = new NodeId[6];
        for (int i = 0; i < ids.length; i++) ids[i] = NodeId.random(r);
        ReflexiveObservers o = new ReflexiveObservers();
        Map<InetSocketAddress, Set<NodeId>> model = new HashMap<>();
        for (int op = 0; op < 20_000; op++) {
            // mostly a few addresses; bursts of many new ones (a symmetric NAT) overflow the 64
            InetSocketAddress observed = address(op % 3000 < 1500 ? r.nextInt(4) : r.nextInt(200));
            NodeId by = ids[r.nextInt(ids.length)];
            Set<NodeId> set = model.computeIfAbsent(observed, k -> new HashSet<>());
            boolean expected = set.size() < 2 && set.add(by);
            if (model.size() > ReflexiveObservers.MAX_ADDRESSES) model.keySet().removeIf(k -> !k.equals(observed));
            assertThat(o.note(observed, by)).isEqualTo(expected);
            assertThat(o.addresses()).isEqualTo(model.size());
        }
    }

    private static InetSocketAddress address(int i) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 203, 0, (byte) (i >> 8), (byte) i}), 4000);
    }
}
