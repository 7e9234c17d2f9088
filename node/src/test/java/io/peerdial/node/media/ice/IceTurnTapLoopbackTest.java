package io.peerdial.node.media.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.media.ice.IceSession.Role;
import io.peerdial.relay.runtime.TurnRelayRuntime;
import io.peerdial.relay.server.ClientTransport;
import io.peerdial.relay.server.Credentials;
import io.peerdial.relay.server.PeerAddressPolicy;
import io.peerdial.relay.server.TurnConfig;
import io.peerdial.relay.server.TurnEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TURN tap (docs/MEDIA.md "TURN tap") with ice4j and our TURN server on 127.0.0.1: side A is
 * relay-only and allocates through its run's tap, over TCP or over UDP; ICE connects through the
 * relay and datagrams of every length mod 4 cross it both ways (over TCP the ChannelData padding is
 * added and stripped). {@link IceSession#relayUsage()} names the allocation the server created
 * (relayed address, and the client address the server saw) and its byte counts equal the server's own
 * at the end of the allocation.
 */
class IceTurnTapLoopbackTest {

    private static final int WAIT_S = 20;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final BlockingQueue<byte[]> atA = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> atB = new LinkedBlockingQueue<>();
    private final BlockingQueue<TurnEvent> events = new LinkedBlockingQueue<>();
    private TurnRelayRuntime turn;
    private IceSession a;
    private IceSession b;

    @BeforeEach
    void startRelay() throws IOException {
        TurnConfig config = TurnConfig.defaults("peerdial.test").withPeerPolicy(new PeerAddressPolicy(true, false));
        turn = TurnRelayRuntime.start(new TurnRelayRuntime.Settings(new InetSocketAddress(LOOPBACK, 0), LOOPBACK, 56000, 56999,
                config, Credentials.of(Map.of("alice", "s3cret"))), io.peerdial.relay.server.AllocationGate.OPEN, events::add);
    }

    @AfterEach
    void close() {
        if (a != null) a.close();
        if (b != null) b.close();
        if (turn != null) turn.close();
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {true, false})
    void relayedMediaIsCountedPerAllocation(boolean tcp) throws Exception {
        TurnServer server = new TurnServer(turn.listenAddress(), "alice", "s3cret", tcp);
        IceConfig relayOnly = IceConfig.loopbackOnly().withTurnServers(List.of(server)).withRelayOnly(true);
        a = IceSession.create(Role.CONTROLLING, relayOnly, new IceSession.Listener() {}, (d, o, l) -> atA.add(Arrays.copyOfRange(d, o, o + l)));
        b = IceSession.create(Role.CONTROLLED, IceConfig.loopbackOnly(), new IceSession.Listener() {},
                (d, o, l) -> atB.add(Arrays.copyOfRange(d, o, o + l)));

        TurnEvent.AllocationCreated created = (TurnEvent.AllocationCreated) events.poll(WAIT_S, TimeUnit.SECONDS);
        assertThat(created).isNotNull();
        assertThat(created.fiveTuple().transport()).isEqualTo(tcp ? ClientTransport.TCP : ClientTransport.UDP);
        IceCandidateAttribute relayCandidate = a.localDescription().candidates().get(0);
        assertThat(a.localDescription().candidates()).singleElement().extracting(IceCandidateAttribute::type).isEqualTo(CandidateKind.RELAY);
        assertThat(a.relayUsage()).singleElement().satisfies(u -> {
            assertThat(u.server()).isEqualTo(server);
            assertThat(u.relayed()).isEqualTo(created.relayed());
            assertThat(u.relayed()).isEqualTo(new InetSocketAddress(relayCandidate.address(), relayCandidate.port()));
            assertThat(u.mapped()).isEqualTo(created.fiveTuple().client()); // the tap's socket, as the server saw it
        });

        b.start(a.localDescription());
        a.start(b.localDescription());
        assertThat(a.completion().get(WAIT_S, TimeUnit.SECONDS).localType()).isEqualTo(CandidateKind.RELAY);
        b.completion().get(WAIT_S, TimeUnit.SECONDS);
        RelayUsage before = a.relayUsage().get(0);

        long sentToB = 0;
        long sentToA = 0;
        for (int i = 0; i < 40; i++) {
            byte[] toB = payload(i, 17 + i);       // every length mod 4: ChannelData padding 0-3 over TCP
            byte[] toA = payload(i + 100, 160 + i);
            a.send(toB, 0, toB.length);
            b.send(toA, 0, toA.length);
            sentToB += toB.length;
            sentToA += toA.length;
            assertThat(atB.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo(toB);
            assertThat(atA.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo(toA);
        }
        RelayUsage during = a.relayUsage().get(0);
        // the relay also carries ICE's own STUN (checks, keep-alives): at least the media, not much more
        assertThat(during.bytesToPeers() - before.bytesToPeers()).isBetween(sentToB, sentToB + 2_000);
        assertThat(during.bytesToClient() - before.bytesToClient()).isBetween(sentToA, sentToA + 2_000);

        b.close(); // nothing more comes from the peer
        a.close(); // the run deletes its allocation (Refresh with LIFETIME 0, RFC 8656 §8.1) before it frees ice4j
        TurnEvent.AllocationClosed closed = awaitClosed();
        // deleted by the client, over UDP as over TCP: neither left to its lifetime nor to the TCP connection's end
        // (ice4j's own Refresh(0) in Agent.free() was lost about one close in ten: TappedTurnHarvest)
        assertThat(closed.reason()).isEqualTo(TurnEvent.CloseReason.DELETED);
        RelayUsage last = a.relayUsage().get(0);
        assertThat(closed.relayed()).isEqualTo(last.relayed());
        assertThat(last.bytesToPeers()).isEqualTo(closed.bytesToPeers());
        assertThat(last.bytesToClient()).isEqualTo(closed.bytesToClient());
    }

    @org.junit.jupiter.api.Test
    void afterTheTcpRelayDiesTheRestartedRunAllocatesOverTcpOnTheSecondRelayThroughItsOwnTap() throws Exception {
        IceConfig first = IceConfig.loopbackOnly().withRelayOnly(true)
                .withTurnServers(List.of(new TurnServer(turn.listenAddress(), "alice", "s3cret", true)));
        a = IceSession.create(Role.CONTROLLING, first, new IceSession.Listener() {}, (d, o, l) -> atA.add(Arrays.copyOfRange(d, o, o + l)));
        b = IceSession.create(Role.CONTROLLED, IceConfig.loopbackOnly(), new IceSession.Listener() {},
                (d, o, l) -> atB.add(Arrays.copyOfRange(d, o, o + l)));
        b.start(a.localDescription());
        a.start(b.localDescription());
        a.completion().get(WAIT_S, TimeUnit.SECONDS);
        b.completion().get(WAIT_S, TimeUnit.SECONDS);
        InetSocketAddress firstRelayed = a.relayUsage().get(0).relayed();

        turn.close(); // the first relay fails mid-call
        TurnConfig config = TurnConfig.defaults("peerdial.test").withPeerPolicy(new PeerAddressPolicy(true, false));
        try (TurnRelayRuntime second = TurnRelayRuntime.start(new TurnRelayRuntime.Settings(new InetSocketAddress(LOOPBACK, 0), LOOPBACK,
                57000, 57999, config, Credentials.of(Map.of("bob", "other"))))) {
            TurnServer secondServer = new TurnServer(second.listenAddress(), "bob", "other", true);
            IceDescription offer = a.restart(first.withTurnServers(List.of(secondServer)));
            IceDescription answer = b.restart();
            b.start(offer);
            a.start(answer);
            assertThat(a.completion().get(WAIT_S, TimeUnit.SECONDS).local().getPort()).isBetween(57000, 57999);
            b.completion().get(WAIT_S, TimeUnit.SECONDS);
            byte[] toB = payload(1, 33);
            a.send(toB, 0, toB.length);
            assertThat(atB.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo(toB);
            assertThat(a.relayUsage()).singleElement().satisfies(u -> {
                assertThat(u.server()).isEqualTo(secondServer);
                assertThat(u.relayed()).isNotEqualTo(firstRelayed);
                assertThat(u.relayed().getPort()).isBetween(57000, 57999);
                assertThat(u.bytesToPeers()).isGreaterThanOrEqualTo(toB.length);
            });
            a.close();
            b.close();
        }
    }

    /**
     * ice4j's own interface scan (no loopback host candidates): its host candidates on the machine's
     * interface addresses send to the tap on 127.0.0.1 (the only destination; the tap then reaches the
     * server on 127.0.0.1), and the answers come back from there. Skipped on a machine with no IPv4
     * interface address but loopback.
     */
    @org.junit.jupiter.api.Test
    void hostCandidatesOnInterfaceAddressesAllocateThroughTheLoopbackTap() throws Exception {
        boolean hasInterfaceAddress = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .filter(n -> { try { return n.isUp() && !n.isLoopback(); } catch (java.net.SocketException e) { return false; } })
                .flatMap(n -> n.inetAddresses()).anyMatch(x -> x instanceof java.net.Inet4Address && !x.isLinkLocalAddress());
        org.junit.jupiter.api.Assumptions.assumeTrue(hasInterfaceAddress, "no IPv4 interface address besides loopback");
        TurnServer server = new TurnServer(turn.listenAddress(), "alice", "s3cret", true);
        a = IceSession.create(Role.CONTROLLING, IceConfig.defaults().withTurnServers(List.of(server)), new IceSession.Listener() {},
                (d, o, l) -> { });
        assertThat(a.localDescription().candidates()).filteredOn(c -> c.type() == CandidateKind.RELAY).isNotEmpty();
        assertThat(a.localDescription().candidates()).filteredOn(c -> c.type() == CandidateKind.SRFLX).isEmpty(); // not the tap's
        assertThat(a.relayUsage()).isNotEmpty().allSatisfy(u -> assertThat(u.relayed().getPort()).isBetween(56000, 56999));
    }

    private TurnEvent.AllocationClosed awaitClosed() throws InterruptedException {
        for (TurnEvent e = events.poll(WAIT_S, TimeUnit.SECONDS); e != null; e = events.poll(WAIT_S, TimeUnit.SECONDS)) {
            if (e instanceof TurnEvent.AllocationClosed c) return c;
        }
        throw new AssertionError("the server never closed the allocation");
    }

    private static byte[] payload(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (seed * 31 + i);
        b[0] = (byte) 0x80; // RTP-like first byte: never STUN or ChannelData
        return b;
    }
}
