package io.peerdial.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.kademlia.Lookup.Candidate;
import io.peerdial.overlay.wire.Contact;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** S/Kademlia §4.4 disjoint paths in {@link Lookup}: dealing, disjointness, per-path α and convergence. */
class LookupDisjointPathsTest {

    private static final NodeId SELF = id(0xFF);
    private static final NodeId TARGET = id(0x00);

    /** A NodeId whose first byte is {@code b} (distance to TARGET grows with b). */
    private static NodeId id(int b) {
        byte[] bytes = new byte[NodeId.BYTES];
        bytes[0] = (byte) b;
        bytes[19] = 1;
        return NodeId.fromBytes(bytes);
    }

    private static Contact contact(int b) {
        return new Contact(id(b), new InetSocketAddress("198.51.100." + b, 4000));
    }

    private static Lookup lookup(int k, int alpha, int paths) {
        return new Lookup(1, Lookup.Kind.FIND_NODE, TARGET, null, SELF, k, alpha, paths, 0);
    }

    @Test
    void startingContactsAreDealtRoundRobinAndAnswersStayOnTheirPath() {
        Lookup l = lookup(4, 1, 2);
        l.offer(List.of(contact(10), contact(20), contact(30), contact(40)), 1);
        assertThat(l.candidate(id(10)).path).isEqualTo(0);
        assertThat(l.candidate(id(20)).path).isEqualTo(1);
        assertThat(l.candidate(id(30)).path).isEqualTo(0);
        assertThat(l.candidate(id(40)).path).isEqualTo(1);

        List<Candidate> first = l.nextToQuery(); // α = 1 per path: the closest of each path
        assertThat(first).extracting(c -> c.contact.id()).containsExactlyInAnyOrder(id(10), id(20));

        // path 1's answer names a node of path 0 (10) and a new one (5): 10 stays on path 0, 5 joins path 1
        l.responded(l.candidate(id(20)), List.of(contact(10), contact(5)));
        assertThat(l.candidate(id(10)).path).isEqualTo(0);
        assertThat(l.candidate(id(5)).path).isEqualTo(1);
        assertThat(l.candidate(id(5)).depth).isEqualTo(2);
    }

    @Test
    void eachPathKeepsItsOwnAlphaInFlight() {
        Lookup l = lookup(8, 2, 2);
        List<Contact> start = new ArrayList<>();
        for (int b = 10; b <= 80; b += 10) start.add(contact(b));
        l.offer(start, 1);
        List<Candidate> asked = l.nextToQuery();
        assertThat(asked).hasSize(4);
        assertThat(asked).filteredOn(c -> c.path == 0).hasSize(2);
        assertThat(asked).filteredOn(c -> c.path == 1).hasSize(2);
        assertThat(l.nextToQuery()).isEmpty(); // both paths saturated
        l.failed(asked.stream().filter(c -> c.path == 1).findFirst().orElseThrow());
        assertThat(l.nextToQuery()).singleElement().extracting(c -> c.path).isEqualTo(1);
    }

    @Test
    void convergesOnlyWhenEveryPathHas() {
        Lookup l = lookup(1, 1, 2);
        l.offer(List.of(contact(10), contact(20)), 1);
        List<Candidate> asked = l.nextToQuery();
        Candidate p0 = asked.stream().filter(c -> c.path == 0).findFirst().orElseThrow();
        Candidate p1 = asked.stream().filter(c -> c.path == 1).findFirst().orElseThrow();
        l.responded(p0, List.of());
        assertThat(l.converged()).isFalse();
        l.responded(p1, List.of());
        assertThat(l.converged()).isTrue();
        // the result merges the paths, closest first
        assertThat(Lookup.contacts(l.closestResponded())).containsExactly(contact(10));
    }

    @Test
    void onePathIsThePlainLookup() {
        Lookup l = lookup(2, 3, 1);
        l.offer(List.of(contact(10), contact(20), contact(30)), 1);
        assertThat(l.nextToQuery()).hasSize(2); // k = 2 live candidates bound the frontier
        assertThat(l.paths()).isEqualTo(1);
    }

    @Test
    void configBoundsThePathCount() {
        assertThat(OverlayConfig.defaults().disjointPaths()).isEqualTo(1);
        assertThat(OverlayConfig.defaults().withDisjointPaths(4).disjointPaths()).isEqualTo(4);
        assertThat(OverlayConfig.defaults().withDisjointPaths(8).withK(4).disjointPaths()).isEqualTo(4);
        assertThatThrownBy(() -> OverlayConfig.defaults().withDisjointPaths(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OverlayConfig.defaults().withDisjointPaths(21)).isInstanceOf(IllegalArgumentException.class);
    }
}
