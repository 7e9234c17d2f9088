package io.peerdial.overlay.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.routing.InsertResult.Outcome;
import io.peerdial.overlay.wire.Contact;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private final SplittableRandom random = new SplittableRandom(42);
    private final NodeId self = NodeId.random(random);
    private int nextHost = 1;

    /** A contact in bucket {@code index}, each on its own /24. */
    private Contact inBucket(int index) {
        return contact(NodeId.randomInBucket(self, index, random), "10." + (nextHost / 250) + "." + (nextHost++ % 250) + ".1");
    }

    private static Contact contact(NodeId id, String ip) {
        return new Contact(id, new InetSocketAddress(ip, 4000));
    }

    @Test
    void fillsBucketThenCachesAndAsksToPingTheLeastRecentlySeen() {
        RoutingTable t = new RoutingTable(self, 3, 2, 10);
        Contact a = inBucket(0), b = inBucket(0), c = inBucket(0), d = inBucket(0);
        assertThat(t.offer(a, 1).outcome()).isEqualTo(Outcome.ADDED);
        assertThat(t.offer(b, 2).outcome()).isEqualTo(Outcome.ADDED);
        assertThat(t.offer(c, 3).outcome()).isEqualTo(Outcome.ADDED);
        InsertResult r = t.offer(d, 4);
        assertThat(r.outcome()).isEqualTo(Outcome.CACHED);
        assertThat(r.pingCandidate()).isEqualTo(a);
        assertThat(t.replacements(0)).containsExactly(d);

        // a answers: it moves to the tail, b becomes the oldest
        assertThat(t.offer(a, 5).outcome()).isEqualTo(Outcome.REFRESHED);
        assertThat(t.bucket(0)).extracting(RoutingEntry::contact).containsExactly(b, c, a);
        assertThat(t.offer(inBucket(0), 6).pingCandidate()).isEqualTo(b);
    }

    @Test
    void anEntrysFieldsTravelWithItWhenItMovesToTheTail() {
        RoutingTable t = new RoutingTable(self, 3, 2, 10);
        Contact a = inBucket(2), b = inBucket(2), c = inBucket(2);
        t.offer(a, 1);
        t.offer(b, 2);
        t.offer(c, 3);
        assertThat(t.get(a.id()).smoothedRtt()).isEqualTo(-1);
        assertThat(t.sampleRtt(a.id(), 100)).isTrue(); // RFC 6298 §2.2: SRTT = R, RTTVAR = R/2
        assertThat(t.sampleRtt(a.id(), 60)).isTrue();  // §2.3: RTTVAR = 3/4·50 + 1/4·|100 − 60|, SRTT = 7/8·100 + 1/8·60
        assertThat(t.sampleRtt(b.id(), 20)).isTrue();
        assertThat(t.sampleRtt(inBucket(2).id(), 20)).isFalse();
        t.failed(b);

        t.offer(a, 7); // a moves to the tail past b and c
        assertThat(t.bucket(2)).extracting(RoutingEntry::contact).containsExactly(b, c, a);
        RoutingEntry ea = t.get(a.id());
        assertThat(ea.lastSeen()).isEqualTo(7);
        assertThat(ea.smoothedRtt()).isEqualTo(95.0);
        assertThat(ea.rttVariation()).isEqualTo(47.5);
        RoutingEntry eb = t.get(b.id());
        assertThat(eb.failures()).isEqualTo(1);
        assertThat(eb.lastSeen()).isEqualTo(2);
        assertThat(eb.smoothedRtt()).isEqualTo(20.0);
        assertThat(t.get(c.id()).smoothedRtt()).isEqualTo(-1);
    }

    @Test
    void failedContactIsReplacedByTheFreshestCachedOne() {
        RoutingTable t = new RoutingTable(self, 2, 2, 10);
        Contact a = inBucket(3), b = inBucket(3), older = inBucket(3), fresher = inBucket(3);
        t.offer(a, 1);
        t.offer(b, 1);
        t.offer(older, 2);
        t.offer(fresher, 3);
        assertThat(t.failed(a)).isTrue();
        assertThat(t.bucket(3)).extracting(RoutingEntry::contact).containsExactly(b, fresher);
        assertThat(t.replacements(3)).containsExactly(older);
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void withoutReplacementAContactStaysUntilItIsStale() {
        RoutingTable t = new RoutingTable(self, 20, 2, 10);
        Contact a = inBucket(5);
        t.offer(a, 1);
        for (int i = 1; i < RoutingTable.STALE_FAILURES; i++) assertThat(t.failed(a)).isFalse();
        assertThat(t.failed(a)).isTrue();
        assertThat(t.size()).isZero();
    }

    @Test
    void answerResetsFailureCount() {
        RoutingTable t = new RoutingTable(self, 20, 2, 10);
        Contact a = inBucket(5);
        t.offer(a, 1);
        for (int i = 1; i < RoutingTable.STALE_FAILURES; i++) t.failed(a);
        t.offer(a, 2);
        assertThat(t.get(a.id()).failures()).isZero();
        assertThat(t.failed(a)).isFalse();
    }

    @Test
    void atMostTwoPerSubnetPerBucketAndTenPerTable() {
        RoutingTable t = new RoutingTable(self, 20, 2, 10);
        List<Outcome> bucket0 = new ArrayList<>();
        for (int i = 0; i < 3; i++) bucket0.add(t.offer(contact(NodeId.randomInBucket(self, 0, random), "198.51.100." + (i + 1)), 1).outcome());
        assertThat(bucket0).containsExactly(Outcome.ADDED, Outcome.ADDED, Outcome.SUBNET_LIMIT);

        int added = 2;
        for (int bucket = 1; bucket < 12; bucket++) {
            for (int i = 0; i < 2; i++) {
                if (t.offer(contact(NodeId.randomInBucket(self, bucket, random), "198.51.100." + (10 * bucket + i)), 1).outcome() == Outcome.ADDED) added++;
            }
        }
        assertThat(added).isEqualTo(10);
        // another /24 is unaffected
        assertThat(t.offer(contact(NodeId.randomInBucket(self, 0, random), "203.0.113.1"), 1).outcome()).isEqualTo(Outcome.ADDED);
    }

    @Test
    void ipv6LimitsApplyPerSlash64() {
        RoutingTable t = new RoutingTable(self, 20, 2, 10);
        assertThat(t.offer(contact(NodeId.randomInBucket(self, 0, random), "2001:db8:1:2::1"), 1).outcome()).isEqualTo(Outcome.ADDED);
        assertThat(t.offer(contact(NodeId.randomInBucket(self, 0, random), "2001:db8:1:2::ffff"), 1).outcome()).isEqualTo(Outcome.ADDED);
        assertThat(t.offer(contact(NodeId.randomInBucket(self, 0, random), "2001:db8:1:2:ffff::9"), 1).outcome()).isEqualTo(Outcome.SUBNET_LIMIT);
        assertThat(t.offer(contact(NodeId.randomInBucket(self, 0, random), "2001:db8:1:3::1"), 1).outcome()).isEqualTo(Outcome.ADDED);
    }

    @Test
    void loopbackIsExemptFromSubnetLimits() {
        RoutingTable t = new RoutingTable(self, 20, 2, 10);
        for (int i = 0; i < 15; i++) {
            assertThat(t.offer(new Contact(NodeId.randomInBucket(self, 0, random), new InetSocketAddress("127.0.0.1", 5000 + i)), 1).outcome())
                    .isEqualTo(Outcome.ADDED);
        }
    }

    @Test
    void knownIdAtAnotherAddressIsNotMovedSilently() {
        RoutingTable t = new RoutingTable(self, 20, 2, 10);
        Contact a = inBucket(2);
        t.offer(a, 1);
        assertThat(t.offer(new Contact(a.id(), new InetSocketAddress("192.0.2.77", 1)), 2).outcome()).isEqualTo(Outcome.ADDRESS_CONFLICT);
        assertThat(t.get(a.id()).contact()).isEqualTo(a);
        assertThat(t.offer(new Contact(self, new InetSocketAddress("192.0.2.78", 1)), 2).outcome()).isEqualTo(Outcome.SELF);
    }

    @Test
    void closestMatchesBruteForceSort() {
        RoutingTable t = new RoutingTable(self, 20, 20, 100_000);
        List<Contact> all = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Contact c = contact(NodeId.random(random), "10." + (i / 250) + "." + (i % 250) + ".9");
            if (t.offer(c, 1).outcome() == Outcome.ADDED) all.add(c);
        }
        assertThat(t.size()).isEqualTo(all.size()).isGreaterThan(150);
        for (int i = 0; i < 300; i++) {
            NodeId target = i % 10 == 0 ? self : i % 3 == 0 ? NodeId.randomInBucket(self, 8, random) : NodeId.random(random);
            List<Contact> expected = new ArrayList<>(all);
            expected.sort(Comparator.comparing(Contact::id, (a, b) -> target.compareDistance(a, b)));
            int n = 1 + random.nextInt(40);
            assertThat(t.closest(target, n)).containsExactlyElementsOf(expected.subList(0, Math.min(n, expected.size())));
            Contact excluded = expected.get(random.nextInt(5));
            List<Contact> without = new ArrayList<>(expected);
            without.remove(excluded);
            assertThat(t.closest(target, n, excluded.id())).containsExactlyElementsOf(without.subList(0, Math.min(n, without.size())));
        }
    }
}
