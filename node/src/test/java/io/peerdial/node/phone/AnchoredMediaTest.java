package io.peerdial.node.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.node.media.ice.CandidateKind;
import io.peerdial.node.media.net.NodeMediaAnchor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5, media anchoring: two phones on two nodes (real sockets on loopback). Each phone sees only
 * its own node's RTP ports in the SDP; the nodes run ICE between them (loopback host candidates) and
 * bridge; datagrams a phone sends arrive at the other phone, both ways, and the ICE pair is reported.
 */
class AnchoredMediaTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long WAIT_S = EventLog.WAIT_S;
    private final List<AutoCloseable> open = new ArrayList<>();

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    @Test
    void phonesOnTwoNodesExchangeMediaThroughTheNodesIcePair() throws Exception {
        InetSocketAddress any = new InetSocketAddress(LOOPBACK, 0);
        NodeDaemon a = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(), dataA, any, Role.SUPER, TrustAnchors.none(), any));
        open.add(a);
        NodeDaemon b = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(a.runtime().localAddress()), dataB, any, Role.SUPER,
                TrustAnchors.none(), any));
        open.add(b);
        CompletableFuture<NodeMediaAnchor.IceOutcome> iceAtA = new CompletableFuture<>();
        a.media().onIce(iceAtA::complete);
        CompletableFuture<NodeMediaAnchor.IceOutcome> iceAtB = new CompletableFuture<>();
        b.media().onIce(iceAtB::complete);

        EventLog aliceEvents = new EventLog();
        EventLog bobEvents = new EventLog();
        SocketMediaEngine aliceMedia = new SocketMediaEngine();
        SocketMediaEngine bobMedia = new SocketMediaEngine();
        PhoneUA alice = PhoneUA.start(new PhoneUA.Settings("sip:alice@anchor.test", a.sip().phoneAddress(), LOOPBACK, false,
                MediaOptions.NONE), aliceMedia, aliceEvents);
        open.add(alice);
        PhoneUA bob = PhoneUA.start(new PhoneUA.Settings("sip:bob@anchor.test", b.sip().phoneAddress(), LOOPBACK, true,
                MediaOptions.NONE), bobMedia, bobEvents);
        open.add(bob);
        assertThat(bob.register(600).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);

        int out = alice.call("sip:bob@anchor.test").get(WAIT_S, TimeUnit.SECONDS);
        aliceEvents.state(out, CallState.ESTABLISHED);
        SocketMediaEngine.Leg aliceLeg = aliceMedia.legs.get(0);
        SocketMediaEngine.Leg bobLeg = bobMedia.legs.get(0);
        // each phone is told to send to its own node, never to the other phone
        assertThat(aliceLeg.agreed.remotePort()).isNotEqualTo(bobLeg.localPort());
        assertThat(bobLeg.agreed.remotePort()).isNotEqualTo(aliceLeg.localPort());

        NodeMediaAnchor.IceOutcome outcome = iceAtA.get(WAIT_S, TimeUnit.SECONDS);
        assertThat(outcome.pair()).hasValueSatisfying(p -> {
            assertThat(p.localType()).isEqualTo(CandidateKind.HOST);
            assertThat(p.remoteType()).isEqualTo(CandidateKind.HOST);
        });

        // the controlled side completes when the nominated pair reaches it: media before that is dropped
        assertThat(iceAtB.get(WAIT_S, TimeUnit.SECONDS).pair()).isPresent();
        for (int i = 0; i < 20; i++) {
            aliceLeg.send(rtp(i, 0x11111111));
            bobLeg.send(rtp(i, 0x22222222));
        }
        for (int i = 0; i < 20; i++) {
            byte[] atBob = bobLeg.received.poll(WAIT_S, TimeUnit.SECONDS);
            assertThat(atBob).as("datagram %d at bob", i).isNotNull();
            assertThat(atBob).isEqualTo(rtp(i, 0x11111111)); // payload untouched, in order on loopback
            byte[] atAlice = aliceLeg.received.poll(WAIT_S, TimeUnit.SECONDS);
            assertThat(atAlice).as("datagram %d at alice", i).isNotNull();
            assertThat(atAlice).isEqualTo(rtp(i, 0x22222222));
        }

        alice.hangup(out).get(WAIT_S, TimeUnit.SECONDS);
        aliceEvents.state(out, CallState.ENDED);
        bobEvents.state(bobEvents.incoming().callId(), CallState.ENDED);
        assertThat(a.media().activeCalls()).isZero();
    }

    /** A minimal RTP packet (RFC 3550 §5.1), PCMU, 20 ms of 0xFF. */
    private static byte[] rtp(int seq, int ssrc) {
        byte[] p = new byte[12 + 160];
        p[0] = (byte) 0x80;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        int ts = seq * 160;
        p[4] = (byte) (ts >> 24);
        p[5] = (byte) (ts >> 16);
        p[6] = (byte) (ts >> 8);
        p[7] = (byte) ts;
        p[8] = (byte) (ssrc >> 24);
        p[9] = (byte) (ssrc >> 16);
        p[10] = (byte) (ssrc >> 8);
        p[11] = (byte) ssrc;
        java.util.Arrays.fill(p, 12, p.length, (byte) 0xFF);
        return p;
    }
}
