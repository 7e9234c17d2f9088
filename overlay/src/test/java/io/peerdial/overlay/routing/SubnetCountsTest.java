package io.peerdial.overlay.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SubnetCountsTest {

    @Test
    void countsIpv4AndIpv6KeysLikeAMultiset() {
        SplittableRandom random = new SplittableRandom(3);
        long[] keys = new long[40];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i % 2 == 0 ? 1L << 32 | random.nextInt(1 << 24) : random.nextLong(); // IPv4 /24 form, or an IPv6 /64
        }
        keys[3] = keys[1]; // repeated keys of both kinds
        keys[4] = keys[0];
        SubnetCounts counts = new SubnetCounts();
        Map<Long, Integer> expected = new HashMap<>();
        for (int round = 0; round < 2_000; round++) {
            long key = keys[random.nextInt(keys.length)];
            if (random.nextInt(3) == 0) {
                counts.decrement(key);
                expected.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
            } else {
                counts.increment(key);
                expected.merge(key, 1, Integer::sum);
            }
            for (long k : keys) assertThat(counts.get(k)).as("count of %x", k).isEqualTo(expected.getOrDefault(k, 0));
        }
        counts.increment(RoutingEntry.NO_SUBNET);
        assertThat(counts.get(RoutingEntry.NO_SUBNET)).isZero();
    }
}
