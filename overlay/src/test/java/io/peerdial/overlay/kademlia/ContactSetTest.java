package io.peerdial.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContactSetTest {

    @Test
    void agreesWithHashSetUnderRandomOperations() throws UnknownHostException {
        SplittableRandom r = new SplittableRandom(7);
        Contact[] pool = new Contact[200];
        for (int i = 0; i < pool.length; i++) {
            InetAddress ip = InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i});
            pool[i] = new Contact(NodeId.random(r), new InetSocketAddress(ip, 4000 + i % 3));
        }
        for (int round = 0; round < 10; round++) {
            ContactSet set = new ContactSet();
            Set<Contact> model = new HashSet<>();
            int range = round % 2 == 0 ? 20 : pool.length; // few contacts: long probe runs, many removals
            for (int op = 0; op < 5_000; op++) {
                // an equal copy, not the same instance: membership is by equals
                Contact c = new Contact(pool[r.nextInt(range)].id(), pool[r.nextInt(range) % range].address());
                Contact known = pool[r.nextInt(range)];
                Contact pick = r.nextBoolean() ? c : new Contact(known.id(), known.address());
                switch (r.nextInt(3)) {
                    case 0 -> assertThat(set.add(pick)).isEqualTo(model.add(pick));
                    case 1 -> assertThat(set.remove(pick)).isEqualTo(model.remove(pick));
                    default -> assertThat(set.contains(pick)).isEqualTo(model.contains(pick));
                }
                assertThat(set.size()).isEqualTo(model.size());
            }
            for (Contact c : model) assertThat(set.contains(c)).isTrue();
        }
    }

    @Test
    void emptiesAfterABurst() throws UnknownHostException {
        ContactSet set = new ContactSet();
        SplittableRandom r = new SplittableRandom(1);
        Contact[] burst = new Contact[300];
        for (int i = 0; i < burst.length; i++) {
            burst[i] = new Contact(NodeId.random(r), new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >> 8), (byte) i}), 4000));
            assertThat(set.add(burst[i])).isTrue();
        }
        for (Contact c : burst) assertThat(set.remove(c)).isTrue();
        assertThat(set.size()).isZero();
        assertThat(set.contains(burst[0])).isFalse();
        assertThat(set.add(burst[0])).isTrue();
        assertThat(set.contains(burst[0])).isTrue();
    }
}
