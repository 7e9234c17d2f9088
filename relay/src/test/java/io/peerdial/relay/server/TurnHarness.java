package io.peerdial.relay.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.stun.ErrorCode;
import io.peerdial.overlay.stun.Nonce;
import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.TransactionId;
import io.peerdial.relay.turn.RequestedTransport;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorRelayedAddress;
import io.peerdial.testkit.VirtualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** One TURN core on a virtual clock, with helpers that speak to it as clients and peers. */
final class TurnHarness {
    static final InetSocketAddress SERVER = new InetSocketAddress(addr("192.0.2.100"), 3478);
    static final String REALM = "test.local";
    final VirtualClock clock = new VirtualClock(1_000_000);
    final FakeRelayPorts ports = new FakeRelayPorts(addr("192.0.2.100"), 50_000, 10);
    final TurnServer server;
    final List<TurnEvent> events = new ArrayList<>();

    TurnHarness() {
        this(TurnConfig.defaults(REALM));
    }

    TurnHarness(TurnConfig config) {
        this(config, Credentials.of(Map.of("alice", "secret", "bob", "hunter2")), AllocationGate.OPEN);
    }

    /** With other credentials and an admission gate (the incentive tests). */
    TurnHarness(TurnConfig config, Credentials credentials, AllocationGate gate) {
        server = new TurnServer(config, credentials, gate, ports, new SplittableRandom(7));
    }

    static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static InetSocketAddress at(String literal, int port) {
        return new InetSocketAddress(addr(literal), port);
    }

    TestClient client(String ip, int port, String user, String password) {
        return new TestClient(at(ip, port), SERVER, user, REALM, password, port);
    }

    /** Feeds a client datagram and returns what the core sent in answer (drained). */
    List<TurnTransmit> fromClient(TestClient c, byte[] bytes) {
        server.handleClientDatagram(clock.now(), c.tuple, bytes, 0, bytes.length);
        return drain();
    }

    /** Feeds a peer datagram (with headroom, as the driver does) and returns the transmits. */
    List<TurnTransmit> fromPeer(InetSocketAddress relayed, InetSocketAddress peer, byte[] payload) {
        byte[] buf = new byte[TurnServer.HEADROOM + payload.length];
        System.arraycopy(payload, 0, buf, TurnServer.HEADROOM, payload.length);
        server.handlePeerDatagram(clock.now(), relayed, peer, buf, TurnServer.HEADROOM, payload.length);
        return drain();
    }

    List<TurnTransmit> drain() {
        List<TurnTransmit> out = new ArrayList<>();
        for (TurnTransmit t; (t = server.pollTransmit()) != null; ) {
            out.add(new TurnTransmit(t.transport(), t.source(), t.destination(), t.payload(), 0, t.length())); // copy: buffers alias
        }
        for (TurnEvent e; (e = server.pollEvent()) != null; ) {
            events.add(e);
        }
        return out;
    }

    /** Sends a request and returns the single response, decoded. */
    StunMessage request(TestClient c, byte[] bytes) {
        List<TurnTransmit> out = fromClient(c, bytes);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).destination()).isEqualTo(c.tuple.client());
        assertThat(out.get(0).source()).isEqualTo(SERVER);
        return TestClient.decode(out.get(0).payload());
    }

    /** Gets a nonce through the 401 challenge (RFC 8489 §9.2.3). */
    void challenge(TestClient c) {
        StunMessage r = request(c, c.plain(TurnMethods.ALLOCATE, c.newTransaction(), new RequestedTransport(17)));
        assertThat(r.first(ErrorCode.class).orElseThrow().code()).isEqualTo(401);
        c.nonce = r.first(Nonce.class).orElseThrow().value();
    }

    /** The full Allocate exchange; returns the relayed address. */
    InetSocketAddress allocate(TestClient c) {
        challenge(c);
        TransactionId id = c.newTransaction();
        StunMessage r = request(c, c.signed(TurnMethods.ALLOCATE, id, new RequestedTransport(17)));
        assertThat(r.messageClass()).as("%s", r).isEqualTo(StunClass.SUCCESS_RESPONSE);
        return r.first(XorRelayedAddress.class).orElseThrow().address();
    }

    static int errorCode(StunMessage m) {
        assertThat(m.messageClass()).as("%s", m).isEqualTo(StunClass.ERROR_RESPONSE);
        return m.first(ErrorCode.class).orElseThrow().code();
    }
}
