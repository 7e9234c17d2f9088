package io.peerdial.node.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.daemon.Role;
import io.peerdial.overlay.nat.Reachability;
import org.junit.jupiter.api.Test;

class SuperNodeElectionTest {

    private static final RelayOptions OPTIONS = RelayOptions.defaults(); // 10 minutes of uptime first
    private static final long TEN_MINUTES = 600_000;

    @Test
    void superRelaysAtOnceWhateverPeersSay() {
        var d = SuperNodeElection.decide(Role.SUPER, OPTIONS, Reachability.UNKNOWN, 0, true);
        assertThat(d.relay()).isTrue();
        assertThat(d.reason()).isEqualTo("role super");
    }

    @Test
    void clientNeverRelays() {
        assertThat(SuperNodeElection.decide(Role.CLIENT, OPTIONS, Reachability.PUBLIC, 10 * TEN_MINUTES, true).relay()).isFalse();
    }

    @Test
    void autoRelaysOncePublicAndUpLongEnough() {
        assertThat(SuperNodeElection.decide(Role.AUTO, OPTIONS, Reachability.PUBLIC, TEN_MINUTES - 1, true))
                .extracting(SuperNodeElection.Decision::relay, SuperNodeElection.Decision::reason)
                .containsExactly(false, "uptime 599 s < 600 s");
        assertThat(SuperNodeElection.decide(Role.AUTO, OPTIONS, Reachability.PUBLIC, TEN_MINUTES, true).relay()).isTrue();
        for (Reachability r : new Reachability[] {Reachability.CONE, Reachability.SYMMETRIC, Reachability.UDP_BLOCKED, Reachability.UNKNOWN}) {
            assertThat(SuperNodeElection.decide(Role.AUTO, OPTIONS, r, 10 * TEN_MINUTES, true).relay()).as(r.name()).isFalse();
        }
    }

    @Test
    void operatorCapOfNothingWinsOverEveryRole() {
        RelayOptions noSessions = new RelayOptions(true, null, 3478, 49152, 65535, 0, 2_500_000, 0, "any", false, 60_000);
        RelayOptions tooLittleBandwidth = new RelayOptions(true, null, 3478, 49152, 65535, 10,
                RelayOptions.BYTES_PER_SECOND_PER_SESSION - 1, 0, "any", false, 60_000);
        for (RelayOptions o : new RelayOptions[] {RelayOptions.off(), noSessions, tooLittleBandwidth}) {
            assertThat(SuperNodeElection.decide(Role.SUPER, o, Reachability.PUBLIC, TEN_MINUTES, true).relay()).isFalse();
        }
    }

    @Test
    void noRelayAddressMeansNoRelay() {
        var d = SuperNodeElection.decide(Role.SUPER, OPTIONS, Reachability.PUBLIC, TEN_MINUTES, false);
        assertThat(d.relay()).isFalse();
        assertThat(d.reason()).contains("--relay-ip");
    }
}
