package io.peerdial.node.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.daemon.Role;
import io.peerdial.overlay.nat.Reachability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RelayNeedTest {

    @ParameterizedTest
    @EnumSource(value = Reachability.class, names = {"CONE", "SYMMETRIC", "UDP_BLOCKED"})
    void aNodeBehindANatOrFirewallNeedsARelay(Reachability r) {
        for (Role role : Role.values()) assertThat(RelayNeed.needsRelay(role, r, false)).as("%s %s", role, r).isTrue();
    }

    @Test
    void aPublicNodeOrARelayDoesNot() {
        for (Role role : Role.values()) {
            assertThat(RelayNeed.needsRelay(role, Reachability.PUBLIC, false)).isFalse();
            assertThat(RelayNeed.needsRelay(role, Reachability.SYMMETRIC, true)).isFalse();
        }
    }

    @Test
    void unknownReachabilityNeedsOneOnlyForAClientByChoice() {
        assertThat(RelayNeed.needsRelay(Role.CLIENT, Reachability.UNKNOWN, false)).isTrue();
        assertThat(RelayNeed.needsRelay(Role.AUTO, Reachability.UNKNOWN, false)).isFalse();
        assertThat(RelayNeed.needsRelay(Role.SUPER, Reachability.UNKNOWN, false)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Reachability.class)
    void onlyANodeWhoseUdpIsBlockedReachesItsTurnServerOverTcp(Reachability r) {
        assertThat(RelayNeed.turnOverTcp(r)).isEqualTo(r == Reachability.UDP_BLOCKED);
    }
}
