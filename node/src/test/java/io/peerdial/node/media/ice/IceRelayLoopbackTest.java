package io.peerdial.node.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.node.media.ice.IceSession.Role;
import io.peerdial.relay.runtime.TurnRelayRuntime;
import io.peerdial.relay.server.Credentials;
import io.peerdial.relay.server.PeerAddressPolicy;
import io.peerdial.relay.server.TurnConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ICE through our own TURN server ({@link TurnRelayRuntime}, relay module) on 127.0.0.1: ice4j's
 * TurnCandidateHarvester allocates on it, and one side is relay-only ({@link IceConfig#relayOnly()}:
 * it offers only its relay candidate and pairs nothing else), so the only path the checks can find
 * goes through the relay. Datagrams then cross it both ways.
 */
class IceRelayLoopbackTest {

    private static final int WAIT_S = 20;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final BlockingQueue<String> atA = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> atB = new LinkedBlockingQueue<>();
    private TurnRelayRuntime turn;
    private IceSession a;
    private IceSession b;

    @BeforeEach
    void startRelay() throws IOException {
        TurnConfig config = TurnConfig.defaults("peerdial.test").withPeerPolicy(new PeerAddressPolicy(true, false));
        turn = TurnRelayRuntime.start(new TurnRelayRuntime.Settings(new InetSocketAddress(LOOPBACK, 0), LOOPBACK, 52000, 52999,
                config, Credentials.of(Map.of("alice", "s3cret"))));
    }

    @AfterEach
    void close() {
        if (a != null) a.close();
        if (b != null) b.close();
        if (turn != null) turn.close();
    }

    private TurnServer relay(String password) {
        return new TurnServer(turn.listenAddress(), "alice", password);
    }

    @Test
    void relayOnlySideConnectsThroughOurTurnServerAndCarriesDatagramsBothWays() throws Exception {
        IceConfig relayOnly = IceConfig.loopbackOnly().withTurnServers(List.of(relay("s3cret"))).withRelayOnly(true);
        a = IceSession.create(Role.CONTROLLING, relayOnly, new IceSession.Listener() {}, (d, o, l) -> atA.add(text(d, o, l)));
        b = IceSession.create(Role.CONTROLLED, IceConfig.loopbackOnly(), new IceSession.Listener() {},
                (d, o, l) -> atB.add(text(d, o, l)));

        assertThat(a.localDescription().candidates()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(CandidateKind.RELAY);
            assertThat(c.address()).isEqualTo("127.0.0.1");
            assertThat(c.port()).isBetween(52000, 52999); // a relayed port of our server
        });
        assertThat(turn.stats().allocations()).isEqualTo(1);

        b.start(a.localDescription());
        a.start(b.localDescription());
        SelectedPair pa = a.completion().get(WAIT_S, TimeUnit.SECONDS);
        SelectedPair pb = b.completion().get(WAIT_S, TimeUnit.SECONDS);
        assertThat(pa.localType()).isEqualTo(CandidateKind.RELAY);
        assertThat(pa.local().getPort()).isBetween(52000, 52999);
        assertThat(pb.remoteType()).isEqualTo(CandidateKind.RELAY);
        assertThat(pb.remote()).isEqualTo(pa.local());

        for (int i = 0; i < 20; i++) {
            byte[] toB = ("a->b " + i).getBytes(StandardCharsets.US_ASCII);
            byte[] toA = ("b->a " + i).getBytes(StandardCharsets.US_ASCII);
            a.send(toB, 0, toB.length);
            b.send(toA, 0, toA.length);
            assertThat(atB.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo("a->b " + i);
            assertThat(atA.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo("b->a " + i);
        }
    }

    @Test
    void afterTheRelayFailsAnIceRestartConnectsThroughTheSecondRelay() throws Exception {
        IceConfig first = IceConfig.loopbackOnly().withTurnServers(List.of(relay("s3cret"))).withRelayOnly(true);
        a = IceSession.create(Role.CONTROLLING, first, new IceSession.Listener() {}, (d, o, l) -> atA.add(text(d, o, l)));
        b = IceSession.create(Role.CONTROLLED, IceConfig.loopbackOnly(), new IceSession.Listener() {},
                (d, o, l) -> atB.add(text(d, o, l)));
        b.start(a.localDescription());
        a.start(b.localDescription());
        assertThat(a.completion().get(WAIT_S, TimeUnit.SECONDS).local().getPort()).isBetween(52000, 52999);
        b.completion().get(WAIT_S, TimeUnit.SECONDS);

        turn.close(); // the first relay fails mid-call
        TurnConfig config = TurnConfig.defaults("peerdial.test").withPeerPolicy(new PeerAddressPolicy(true, false));
        try (TurnRelayRuntime second = TurnRelayRuntime.start(new TurnRelayRuntime.Settings(new InetSocketAddress(LOOPBACK, 0), LOOPBACK,
                53000, 53999, config, Credentials.of(Map.of("bob", "other"))))) {
            IceDescription offer = a.restart(first.withTurnServers(List.of(new TurnServer(second.listenAddress(), "bob", "other"))));
            assertThat(offer.candidates()).singleElement().satisfies(c -> assertThat(c.port()).isBetween(53000, 53999));
            IceDescription answer = b.restart();
            b.start(offer);
            a.start(answer);
            SelectedPair pa = a.completion().get(WAIT_S, TimeUnit.SECONDS);
            SelectedPair pb = b.completion().get(WAIT_S, TimeUnit.SECONDS);
            assertThat(pa.generation()).isEqualTo(1);
            assertThat(pa.localType()).isEqualTo(CandidateKind.RELAY);
            assertThat(pa.local().getPort()).isBetween(53000, 53999);
            assertThat(pb.remote()).isEqualTo(pa.local());
            byte[] toB = "after restart".getBytes(StandardCharsets.US_ASCII);
            a.send(toB, 0, toB.length);
            assertThat(atB.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo("after restart");
            byte[] toA = "and back".getBytes(StandardCharsets.US_ASCII);
            b.send(toA, 0, toA.length);
            assertThat(atA.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo("and back");
            a.close();
            b.close();
        }
    }

    @Test
    void relayOnlyWithAWrongPasswordGathersNothingAndFails() {
        IceConfig relayOnly = IceConfig.loopbackOnly().withTurnServers(List.of(relay("wrong"))).withRelayOnly(true);
        assertThatThrownBy(() -> IceSession.create(Role.CONTROLLING, relayOnly, new IceSession.Listener() {}, (d, o, l) -> {}))
                .isInstanceOf(IOException.class).hasMessageContaining("no TURN server gave a relay candidate");
        assertThat(turn.stats().allocations()).isZero();
    }

    @Test
    void relayOnlyNeedsOurLoopbackHarvester() {
        assertThatThrownBy(() -> IceConfig.defaults().withRelayOnly(true)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String text(byte[] d, int o, int l) {
        return new String(d, o, l, StandardCharsets.US_ASCII);
    }
}
