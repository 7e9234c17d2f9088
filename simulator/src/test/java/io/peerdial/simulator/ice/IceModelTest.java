package io.peerdial.simulator.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.simulator.net.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay's permission rule, the agent's gathering fallback and the outcome classification. */
class IceModelTest {

    private static final InetSocketAddress CLIENT = at("11.0.0.1", 20000);
    private static final InetSocketAddress PEER = at("12.0.0.1", 7000);
    private static final InetSocketAddress PEER_OTHER_PORT = at("12.0.0.1", 7001);
    private static final InetSocketAddress STRANGER = at("13.0.0.1", 7000);

    private static InetSocketAddress at(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void relayForwardsOnlyForPermittedAddresses() throws Exception {
        StunRelayServer s = new StunRelayServer(InetAddress.getByName("11.9.9.1"));
        s.handle(0, Transport.TCP, CLIENT, s.address(), new Packet.Allocate(1));
        Packet.AllocateOk ok = (Packet.AllocateOk) s.pollTransmit().packet();
        assertThat(ok.mapped()).isEqualTo(CLIENT);
        Packet ping = new Packet.Binding(9, true, 1);
        s.handle(0, Transport.TCP, CLIENT, s.address(), new Packet.Send(PEER, ping));
        assertThat(s.pollTransmit()).as("RFC 8656 §11.2: no permission, no send").isNull();
        s.handle(0, Transport.UDP, PEER, ok.relayed(), ping);
        assertThat(s.pollTransmit()).as("RFC 8656 §11.4: no permission, no data").isNull();

        s.handle(0, Transport.TCP, CLIENT, s.address(), new Packet.Permit(2, List.of(PEER.getAddress())));
        assertThat(s.pollTransmit().packet()).isEqualTo(new Packet.PermitOk(2));
        s.handle(0, Transport.TCP, CLIENT, s.address(), new Packet.Send(PEER, ping));
        assertThat(s.pollTransmit()).isEqualTo(new Outgoing(Transport.UDP, ok.relayed(), PEER, ping));
        s.handle(0, Transport.UDP, PEER_OTHER_PORT, ok.relayed(), ping); // permissions ignore the port (§9.1)
        assertThat(s.pollTransmit()).isEqualTo(new Outgoing(Transport.TCP, s.address(), CLIENT, new Packet.Data(PEER_OTHER_PORT, ping)));
        s.handle(0, Transport.UDP, STRANGER, ok.relayed(), ping);
        assertThat(s.pollTransmit()).isNull();

        s.handle(0, Transport.TCP, CLIENT, s.address(), new Packet.Release());
        assertThat(s.allocations()).isZero();
        assertThat(s.relayedPackets()).isEqualTo(2);
    }

    @Test
    void agentFallsBackToTcpWhenUdpGetsNoAnswer() throws Exception {
        InetSocketAddress server = at("11.9.9.1", StunRelayServer.PORT);
        IceAgent a = new IceAgent(new IceAgent.Config(50, 100, 2, 30_000), CLIENT, server, true);
        a.start(0);
        assertThat(List.of(a.pollTransmit().transport(), a.pollTransmit().transport())).containsOnly(Transport.UDP);
        long t = 0;
        Outgoing tcp = null;
        for (int i = 0; i < 10 && tcp == null; i++) { // nothing ever answers over UDP
            t = a.pollTimeout();
            a.handleTimeout(t);
            for (Outgoing o; (o = a.pollTransmit()) != null; ) if (o.transport() == Transport.TCP) tcp = o;
        }
        assertThat(tcp).isNotNull();
        assertThat(t).isEqualTo(100 + 200); // two UDP transmissions, RTO 100 ms doubling
        Packet.Allocate alloc = (Packet.Allocate) tcp.packet();
        a.handle(t, Transport.TCP, server, new Packet.AllocateOk(alloc.tx(), at("11.9.9.1", 49152), CLIENT));
        while (a.pollGathered() == null) a.handleTimeout(a.pollTimeout()); // the STUN request times out too
        a.handleTimeout(a.pollTimeout());
        assertThat(a.pollGathered()).isNull(); // reported once
    }

    @Test
    void outcomeFollowsTheSelectedPair() {
        Candidate host = Candidate.of(CandidateType.HOST, CLIENT, false);
        Candidate prflx = new Candidate(CandidateType.PEER_REFLEXIVE, PEER, 5, false);
        Candidate relayUdp = Candidate.of(CandidateType.RELAYED, STRANGER, false);
        Candidate relayTcp = Candidate.of(CandidateType.RELAYED, STRANGER, true);
        assertThat(IceAgent.classify(host, prflx)).isEqualTo(Outcome.DIRECT);
        assertThat(IceAgent.classify(prflx, relayUdp)).isEqualTo(Outcome.RELAY_UDP);
        assertThat(IceAgent.classify(relayUdp, relayTcp)).isEqualTo(Outcome.RELAY_TCP);
        assertThat(IceAgent.classify(relayTcp, host)).isEqualTo(Outcome.RELAY_TCP);
        assertThat(relayUdp.priority()).isGreaterThan(relayTcp.priority()); // UDP relays preferred
        assertThat(host.priority()).isGreaterThan(prflx.priority());
    }
}
