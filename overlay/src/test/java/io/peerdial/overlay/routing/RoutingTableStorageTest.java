package io.peerdial.overlay.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.routing.InsertResult.Outcome;
import io.peerdial.overlay.wire.Contact;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The compact storage of {@link Bucket} keeps every field exactly: times past 32 bits, hashed IPv6 subnet keys. */
class RoutingTableStorageTest {

    private final SplittableRandom random = new SplittableRandom(7);
    private final NodeId self = NodeId.random(random);
    private int nextHost = 1;

    private Contact inBucket(int index) {
        return new Contact(NodeId.randomInBucket(self, index, random), new InetSocketAddress("10.0." + nextHost++ + ".1", 4000));
    }

    @Test
    void timesBeyondThirtyTwoBitsAreKeptExactlyInTheBucketAndItsCache() {
        RoutingTable t = new RoutingTable(self, 3, 3, 100);
        Contact a = inBucket(1), b = inBucket(1), c = inBucket(1);
        Contact early = inBucket(1), late = inBucket(1);
        long wall = 1_763_700_000_123L; // a wall-clock millisecond: far past an int
        t.offer(a, 7);
        t.offer(b, -3);
        t.offer(c, 9);
        t.sampleRtt(b.id(), 40);
        assertThat(t.failed(c)).isFalse(); // nobody to replace it yet
        assertThat(t.offer(early, 11).outcome()).isEqualTo(Outcome.CACHED); // cached while times still fit an int

        assertThat(t.offer(a, wall).outcome()).isEqualTo(Outcome.REFRESHED); // the first time that does not fit
        assertThat(t.offer(late, wall + 5).outcome()).isEqualTo(Outcome.CACHED);
        assertThat(t.bucket(1)).extracting(RoutingEntry::contact).containsExactly(b, c, a);
        assertThat(t.bucket(1)).extracting(RoutingEntry::lastSeen).containsExactly(-3L, 9L, wall);
        assertThat(t.get(b.id()).smoothedRtt()).isEqualTo(40.0);
        assertThat(t.get(c.id()).failures()).isEqualTo(1);
        assertThat(t.replacements(1)).containsExactly(early, late);

        // b fails: the freshest cached contact takes its place with the time it was heard
        assertThat(t.failed(b)).isTrue();
        assertThat(t.get(late.id()).lastSeen()).isEqualTo(wall + 5);
        assertThat(t.failed(c)).isTrue();
        assertThat(t.get(early.id()).lastSeen()).isEqualTo(11);
        assertThat(t.bucket(1)).extracting(RoutingEntry::lastSeen).containsExactly(wall, wall + 5, 11L);
        assertThat(t.wouldTake(inBucket(1), wall + 10, 10)).isTrue(); // oldest seen at wall: questionable at wall + 10
        assertThat(t.wouldTake(inBucket(1), wall + 9, 10)).isFalse();
    }

    @Test
    void failureCountsSitBesideTheSubnetKeyWithoutChangingIt() {
        assertThat(Bucket.MAX_FAILURES).isGreaterThan(RoutingTable.STALE_FAILURES); // saturation is never reached
        RoutingTable t = new RoutingTable(self, 20, 1, 100);
        Contact a = new Contact(NodeId.randomInBucket(self, 6, random), new InetSocketAddress("198.51.100.1", 4000));
        Contact sameSubnet = new Contact(NodeId.randomInBucket(self, 6, random), new InetSocketAddress("198.51.100.2", 4000));
        t.offer(a, 1);
        for (int i = 1; i < RoutingTable.STALE_FAILURES; i++) {
            assertThat(t.failed(a)).isFalse();
            assertThat(t.get(a.id()).failures()).isEqualTo(i);
            assertThat(t.offer(sameSubnet, 2).outcome()).isEqualTo(Outcome.SUBNET_LIMIT);
        }
        assertThat(t.failed(a)).isTrue(); // gone: its subnet is free again
        assertThat(t.offer(sameSubnet, 3).outcome()).isEqualTo(Outcome.ADDED);
    }

    @Test
    void negativeAndMinimumTimesAreKeptExactly() {
        RoutingTable t = new RoutingTable(self, 20, 20, 100);
        long[] times = {Long.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, -1, 0, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE};
        for (long time : times) t.offer(inBucket(4), time);
        assertThat(t.bucket(4)).extracting(RoutingEntry::lastSeen).containsExactly(
                Long.MIN_VALUE, (long) Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, -1L, 0L, (long) Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE);
    }

    @Test
    void ipv6SubnetsWithTheSameCompactKeyAreStillCountedApart() throws UnknownHostException {
        // two /64 prefixes whose compact (hashed) keys collide: the bucket must tell them apart
        Map<Integer, Long> seen = new HashMap<>();
        long first = 0, second = 0;
        while (true) {
            long prefix = 0x2001_0000_0000_0000L | random.nextLong() >>> 16;
            Long other = seen.putIfAbsent(SubnetKey.compact(prefix), prefix);
            if (other != null) {
                first = other;
                second = prefix;
                break;
            }
        }
        RoutingTable t = new RoutingTable(self, 20, 2, 10);
        assertThat(t.offer(v6(first, 1), 1).outcome()).isEqualTo(Outcome.ADDED);
        assertThat(t.offer(v6(first, 2), 1).outcome()).isEqualTo(Outcome.ADDED);
        assertThat(t.offer(v6(second, 1), 1).outcome()).isEqualTo(Outcome.ADDED);
        assertThat(t.offer(v6(second, 2), 1).outcome()).isEqualTo(Outcome.ADDED);
        assertThat(t.offer(v6(first, 3), 1).outcome()).isEqualTo(Outcome.SUBNET_LIMIT);
        assertThat(t.offer(v6(second, 3), 1).outcome()).isEqualTo(Outcome.SUBNET_LIMIT);
    }

    private Contact v6(long prefix, int host) throws UnknownHostException {
        byte[] ip = new byte[16];
        for (int i = 0; i < 8; i++) ip[i] = (byte) (prefix >>> (56 - 8 * i));
        ip[15] = (byte) host;
        return new Contact(NodeId.randomInBucket(self, 0, random), new InetSocketAddress(InetAddress.getByAddress(ip), 4000));
    }

    @Test
    void compactKeysAreExactForIpv4AndExpandBack() {
        Contact any = inBucket(0);
        long v4 = SubnetKey.of(new InetSocketAddress("198.51.100.7", 1));
        assertThat(SubnetKey.isExact(SubnetKey.compact(v4))).isTrue();
        assertThat(SubnetKey.expand(SubnetKey.compact(v4), any)).isEqualTo(v4);
        assertThat(SubnetKey.expand(SubnetKey.compact(RoutingEntry.NO_SUBNET), any)).isEqualTo(RoutingEntry.NO_SUBNET);
        assertThat(SubnetKey.isExact(SubnetKey.compact(0x2001_0db8_0000_0001L))).isFalse();
        assertThat(SubnetKey.compact(0x2001_0db8_0000_0001L) & ~SubnetKey.COMPACT_MASK).isZero();
    }
}
