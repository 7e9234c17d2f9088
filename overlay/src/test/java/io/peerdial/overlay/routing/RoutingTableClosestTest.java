package io.peerdial.overlay.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link RoutingTable#closest} and {@link RoutingTable#get} against brute force, including IDs that share their first 64 bits. */
class RoutingTableClosestTest {

    private final SplittableRandom random = new SplittableRandom(9);
    private int host;

    private Contact contact(NodeId id) {
        host++;
        return new Contact(id, new InetSocketAddress("10." + (host >> 16 & 0xFF) + "." + (host >> 8 & 0xFF) + "." + (host & 0xFF), 4000));
    }

    /** An ID equal to {@code base} in its first 8 bytes (so only the tail decides the distance order). */
    private NodeId samePrefix(NodeId base) {
        byte[] b = base.toBytes();
        for (int i = 8; i < NodeId.BYTES; i++) b[i] = (byte) random.nextInt(256);
        return NodeId.fromBytes(b);
    }

    @Test
    void closestIsTheBruteForceOrderEvenWhenPrefixesTie() {
        for (int round = 0; round < 40; round++) {
            NodeId self = NodeId.random(random);
            RoutingTable t = new RoutingTable(self, 8, 8, 1000);
            List<NodeId> targets = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                NodeId id = switch (random.nextInt(4)) {
                    case 0 -> NodeId.randomInBucket(self, random.nextInt(12), random);
                    case 1 -> samePrefix(self); // deep buckets, prefixes equal to ours
                    case 2 -> targets.isEmpty() ? NodeId.random(random) : samePrefix(targets.get(random.nextInt(targets.size())));
                    default -> NodeId.random(random);
                };
                targets.add(id);
                t.offer(contact(id), i);
            }
            List<Contact> all = t.contacts();
            for (int q = 0; q < 30; q++) {
                NodeId target = random.nextBoolean() ? samePrefix(targets.get(random.nextInt(targets.size())))
                        : q == 0 ? self : NodeId.random(random);
                NodeId excluded = random.nextBoolean() ? all.get(random.nextInt(all.size())).id() : null;
                int n = 1 + random.nextInt(40);
                List<Contact> expected = new ArrayList<>(all);
                expected.removeIf(c -> c.id().equals(excluded));
                expected.sort((a, b) -> target.compareDistance(a.id(), b.id()));
                List<Contact> got = t.closest(target, n, excluded);
                assertThat(got).containsExactlyElementsOf(expected.subList(0, Math.min(n, expected.size())));
            }
            for (Contact c : all) assertThat(t.get(c.id()).contact()).isSameAs(c);
            assertThat(t.get(samePrefix(all.get(0).id()))).isNull();
        }
    }

    @Test
    void subnetCountsAgreeWithAModel() {
        SubnetCounts counts = new SubnetCounts();
        Map<Long, Integer> model = new HashMap<>();
        for (int op = 0; op < 20_000; op++) {
            long key = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(40) - 20; // negatives too
            if (key == RoutingEntry.NO_SUBNET) continue;
            if (random.nextBoolean()) {
                counts.increment(key);
                model.merge(key, 1, Integer::sum);
            } else {
                counts.decrement(key);
                model.computeIfPresent(key, (k, v) -> v == 1 ? null : v - 1);
            }
            long probe = random.nextInt(40) - 20;
            assertThat(counts.get(probe)).isEqualTo(model.getOrDefault(probe, 0));
            assertThat(counts.get(key)).isEqualTo(model.getOrDefault(key, 0));
        }
        counts.increment(RoutingEntry.NO_SUBNET); // exempt addresses are not counted
        assertThat(counts.get(RoutingEntry.NO_SUBNET)).isZero();
    }
}
