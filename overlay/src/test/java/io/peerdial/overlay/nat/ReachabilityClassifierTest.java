package io.peerdial.overlay.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReachabilityClassifierTest {

    private static InetSocketAddress a(String ip, int port) {
        return new InetSocketAddress(ip, port);
    }

    private static final InetSocketAddress BOUND = a("10.0.0.5", 4000);
    private static final InetSocketAddress PEER1 = a("198.51.100.1", 4000);
    private static final InetSocketAddress PEER2 = a("203.0.113.2", 4000);

    private ReachabilityClassifier classifier() {
        ReachabilityClassifier c = new ReachabilityClassifier();
        c.localAddresses(Set.of(BOUND));
        return c;
    }

    @Test
    void aPeerSeeingOurBoundAddressMeansPublic() {
        ReachabilityClassifier c = classifier();
        c.observed(PEER1, BOUND);
        assertThat(c.classify()).isEqualTo(Reachability.PUBLIC);
    }

    @Test
    void oneObserverIsNotEnoughToTellMappingsApart() {
        ReachabilityClassifier c = classifier();
        c.observed(PEER1, a("192.0.2.9", 61000));
        c.observed(a("198.51.100.1", 4444), a("192.0.2.9", 61001));
        // both reports come from one IP (RFC 5780 needs a second server address): still unknown
        assertThat(c.classify()).isEqualTo(Reachability.UNKNOWN);
    }

    @Test
    void twoObserversSeeingOneMappingMeanCone() {
        ReachabilityClassifier c = classifier();
        c.observed(PEER1, a("192.0.2.9", 61000));
        c.observed(PEER2, a("192.0.2.9", 61000));
        assertThat(c.classify()).isEqualTo(Reachability.CONE);
    }

    @Test
    void twoObserversSeeingDifferentMappingsMeanSymmetric() {
        ReachabilityClassifier c = classifier();
        c.observed(PEER1, a("192.0.2.9", 61000));
        c.observed(PEER2, a("192.0.2.9", 61007));
        assertThat(c.classify()).isEqualTo(Reachability.SYMMETRIC);
    }

    @Test
    void theLatestObservationPerObserverCounts() {
        ReachabilityClassifier c = classifier();
        c.observed(PEER1, a("192.0.2.9", 61000));
        c.observed(PEER2, a("192.0.2.9", 61007));
        c.observed(PEER2, a("192.0.2.9", 61000)); // the NAT settled on one mapping
        assertThat(c.classify()).isEqualTo(Reachability.CONE);
    }

    @Test
    void onlyTheMostRecentObserversCount() {
        ReachabilityClassifier c = classifier();
        c.observed(a("198.51.100.200", 4000), a("192.0.2.9", 61099)); // the odd one out, oldest
        for (int i = 1; i < ReachabilityClassifier.MAX_OBSERVERS; i++) c.observed(a("198.51.100." + i, 4000), a("192.0.2.9", 61000));
        assertThat(c.classify()).isEqualTo(Reachability.SYMMETRIC);
        c.observed(a("198.51.100.1", 4000), a("192.0.2.9", 61000)); // a known observer again: nobody leaves
        assertThat(c.classify()).isEqualTo(Reachability.SYMMETRIC);
        c.observed(a("198.51.100.100", 4000), a("192.0.2.9", 61000)); // one more: the oldest leaves
        assertThat(c.classify()).isEqualTo(Reachability.CONE);
    }

    @Test
    void requestsWithoutAnyAnswerForSecondsMeanUdpBlocked() {
        ReachabilityClassifier c = classifier();
        c.requestSent(0);
        c.requestSent(1_000);
        assertThat(c.classify()).isEqualTo(Reachability.UNKNOWN);
        c.requestSent(ReachabilityClassifier.BLOCKED_AFTER_MS);
        assertThat(c.classify()).isEqualTo(Reachability.UDP_BLOCKED);
        c.answerReceived();
        assertThat(c.classify()).isEqualTo(Reachability.UNKNOWN);
    }

    @Test
    void aNodeOverTcpStaysUdpBlockedWhateverItsTcpConnectionsLookLike() {
        ReachabilityClassifier c = classifier();
        c.pinUdpBlocked(true);
        c.observed(PEER1, BOUND); // a TCP answer would otherwise say PUBLIC
        assertThat(c.classify()).isEqualTo(Reachability.UDP_BLOCKED);
        c.observed(PEER2, a("192.0.2.9", 61001));
        assertThat(c.classify()).isEqualTo(Reachability.UDP_BLOCKED);
        c.pinUdpBlocked(false);
        assertThat(c.classify()).isEqualTo(Reachability.PUBLIC);
    }
}
