package io.peerdial.node.media.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.media.ice.IceConfig;
import io.peerdial.node.media.ice.TurnServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/MEDIA.md "Relay failover": which relay and STUN servers an ICE restart after a relay failure uses. */
class RelayFailoverTest {

    private static final TurnServer S1 = turn("203.0.113.1", 3478);
    private static final TurnServer S2 = turn("203.0.113.4", 3478);
    private static final InetSocketAddress STUN_S1 = new InetSocketAddress(ip("203.0.113.1"), 7000);
    private static final InetSocketAddress STUN_D = new InetSocketAddress(ip("203.0.113.3"), 7000);
    private static final IceConfig CALL = IceConfig.defaults().withStunServers(List.of(STUN_S1, STUN_D)).withTurnServers(List.of(S1));

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static TurnServer turn(String host, int port) {
        return new TurnServer(new InetSocketAddress(ip(host), port), "u", "p");
    }

    @Test
    void theInitiatorSkipsItsDeadFirstChoiceForTheSecondAndDropsTheDeadHostsStunServer() {
        List<InetAddress> failed = new ArrayList<>();
        RelayFailover f = new RelayFailover(() -> List.of(S1), () -> List.of(S2), failed::add);
        IceConfig next = f.restartConfig(CALL, ip("203.0.113.1"), RelayFailover.oneOf(List.of(S1)));
        assertThat(next.turnServers()).containsExactly(S2);
        assertThat(next.stunServers()).as("the live relay answers Binding too").containsExactly(STUN_D, S2.address());
        f.relayFailed(S1.address());
        assertThat(failed).containsExactly(ip("203.0.113.1"));
    }

    @Test
    void onceTheSecondChoiceWasPromotedTheFirstChoiceIsUsed() {
        RelayFailover f = new RelayFailover(() -> List.of(S2), List::of, dead -> { });
        assertThat(f.restartConfig(CALL, ip("203.0.113.1"), RelayFailover.oneOf(List.of(S1))).turnServers()).containsExactly(S2);
    }

    @Test
    void theAnswererAvoidsARelayOnTheHostOfTheFarEndsDeadRelayCandidate() {
        RelayFailover f = new RelayFailover(() -> List.of(S1), () -> List.of(S2), dead -> { });
        InetSocketAddress farRelayed = new InetSocketAddress(ip("203.0.113.1"), 50000);
        assertThat(f.restartConfig(CALL, farRelayed.getAddress(), RelayFailover.atHostOf(farRelayed)).turnServers()).containsExactly(S2);
        // the far end's relay was another one: our first choice is fine
        InetSocketAddress elsewhere = new InetSocketAddress(ip("198.51.100.9"), 50000);
        assertThat(f.restartConfig(CALL, elsewhere.getAddress(), RelayFailover.atHostOf(elsewhere)).turnServers()).containsExactly(S1);
    }

    @Test
    void withNoLiveChoiceTheRestartGoesWithoutTheDeadRelay() {
        RelayFailover f = RelayFailover.sameServers(CALL);
        IceConfig next = f.restartConfig(CALL, ip("203.0.113.1"), RelayFailover.oneOf(List.of(S1)));
        assertThat(next.turnServers()).isEmpty();
        assertThat(next.stunServers()).containsExactly(STUN_D);
    }

    @Test
    void whenTheDeadRelayWasTheOnlyStunServerTheLiveRelaysServeAsStunServers() {
        IceConfig onlyS1 = IceConfig.defaults().withStunServers(List.of(STUN_S1)).withTurnServers(List.of(S1));
        RelayFailover f = new RelayFailover(() -> List.of(S1), () -> List.of(S2), dead -> { });
        IceConfig next = f.restartConfig(onlyS1, ip("203.0.113.1"), RelayFailover.oneOf(List.of(S1)));
        assertThat(next.stunServers()).containsExactly(S2.address());
        // and a node with no relay of its own learns nothing new: nothing to add
        RelayFailover none = new RelayFailover(List::of, List::of, dead -> { });
        assertThat(none.restartConfig(onlyS1, ip("203.0.113.1"), RelayFailover.oneOf(List.of(S1))).stunServers()).isEmpty();
    }
}
