package io.peerdial.node.sip.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The super-node's flows: only the signer's own flow, refreshes move it, expiry, capacity. */
class FlowTableTest {

    private final SplittableRandom random = new SplittableRandom(5_627);
    private final NodeId alice = NodeId.random(random);
    private final NodeId eve = NodeId.random(random);
    private final InetSocketAddress nat = new InetSocketAddress("198.51.100.7", 40_001);

    @Test
    void aSignedRegistrationOfItsOwnFlowIsKeptUntilItExpires() throws Exception {
        FlowTable table = new FlowTable(10);
        var flow = table.register(alice, FlowToken.of(alice), nat, FlowTable.Transport.UDP, 60_000, 1_000).orElseThrow();
        assertThat(flow).isEqualTo(new FlowTable.Flow(alice, nat, FlowTable.Transport.UDP, 61_000));
        assertThat(table.find(alice, 60_999)).contains(flow);
        assertThat(table.find(alice, 61_000)).isEmpty();
        assertThat(table.size()).isZero();
    }

    @Test
    void nobodyCanRegisterAnotherNodesFlow() {
        FlowTable table = new FlowTable(10);
        assertThatThrownBy(() -> table.register(eve, FlowToken.of(alice), nat, FlowTable.Transport.UDP, 60_000, 0))
                .isInstanceOfSatisfying(RendezvousException.class,
                        e -> assertThat(e.reason()).isEqualTo(RendezvousException.Reason.NOT_SIGNER));
        assertThatThrownBy(() -> table.register(eve, "bob", nat, FlowTable.Transport.UDP, 60_000, 0))
                .isInstanceOfSatisfying(RendezvousException.class,
                        e -> assertThat(e.reason()).isEqualTo(RendezvousException.Reason.MALFORMED));
        assertThat(table.find(alice, 0)).isEmpty();
    }

    @Test
    void aRefreshFromANewMappingMovesTheFlowAndZeroRemovesIt() throws Exception {
        FlowTable table = new FlowTable(10);
        table.register(alice, FlowToken.of(alice), nat, FlowTable.Transport.UDP, 60_000, 0);
        InetSocketAddress moved = new InetSocketAddress("198.51.100.7", 40_999);
        table.register(alice, FlowToken.of(alice).toUpperCase(), moved, FlowTable.Transport.TCP, 1_000_000, 10);
        assertThat(table.find(alice, 20)).get().satisfies(f -> {
            assertThat(f.address()).isEqualTo(moved);
            assertThat(f.transport()).isEqualTo(FlowTable.Transport.TCP);
            assertThat(f.expiresAt()).as("lifetime capped").isEqualTo(10 + FlowTable.MAX_LIFETIME_MS);
        });
        assertThat(table.register(alice, FlowToken.of(alice), moved, FlowTable.Transport.UDP, 0, 30)).isEmpty();
        assertThat(table.find(alice, 30)).isEmpty();
    }

    @Test
    void aFullTableRefusesNewFlowsButMakesRoomFromExpiredOnes() throws Exception {
        FlowTable table = new FlowTable(1);
        table.register(alice, FlowToken.of(alice), nat, FlowTable.Transport.UDP, 1_000, 0);
        assertThatThrownBy(() -> table.register(eve, FlowToken.of(eve), nat, FlowTable.Transport.UDP, 1_000, 500))
                .isInstanceOfSatisfying(RendezvousException.class,
                        e -> assertThat(e.reason()).isEqualTo(RendezvousException.Reason.FULL));
        assertThat(table.register(eve, FlowToken.of(eve), nat, FlowTable.Transport.UDP, 1_000, 1_000)).isPresent();
    }

    @Test
    void flowTokensRoundTrip() {
        assertThat(FlowToken.parse(FlowToken.of(alice))).isEqualTo(alice);
        assertThat(FlowToken.of(alice)).hasSize(40).isEqualTo(alice.toHex().toLowerCase());
        assertThat(FlowToken.parse(null)).isNull();
        assertThat(FlowToken.parse("z".repeat(40))).isNull();
        assertThat(FlowToken.parse("bob")).isNull();
    }
}
