package io.peerdial.node.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.read.VerifiedBinding;
import io.peerdial.node.sip.NodeSignature;
import io.peerdial.node.sip.SignedFields;
import io.peerdial.node.sip.rendezvous.FlowClient;
import io.peerdial.node.sip.rendezvous.FlowToken;
import io.peerdial.node.sip.rendezvous.SuperNode;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import io.peerdial.testkit.Closer;
import io.peerdial.testkit.runtime.Polling;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rendezvous on loopback: node B is a client that keeps a flow to one of two super-nodes and
 * publishes only that super-node as its contact (B's own SIP face is in no binding); a call from
 * a phone on node A reaches B's phone through the super-node, in both directions of the dialog;
 * a big INVITE goes A → super-node over TCP; a forged flow registration is refused; when the
 * super-node dies, B moves to the other one and republishes.
 */
class RendezvousTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(5_626);
    /** Short timers so the failover happens within the test: refresh every 1 s, answer within 0.5 s. */
    private static final FlowClient.Settings FAST = new FlowClient.Settings(1, 1_000, 500, 60_000);
    private static final Closer OPEN = new Closer();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static TestNode a;
    private static TestNode s1;
    private static TestNode s2;
    private static TestNode b;

    @BeforeAll
    static void overlay() throws Exception {
        a = OPEN.add(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), null));
        s1 = OPEN.add(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), a));
        s2 = OPEN.add(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), a));
        b = OPEN.add(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), a));
        List<SuperNode> supers = List.of(new SuperNode(s1.identity.nodeId(), s1.sip.peerAddress()),
                new SuperNode(s2.identity.nodeId(), s2.sip.peerAddress()));
        b.sip.startRendezvous(FAST, () -> CompletableFuture.completedFuture(supers), false);
        Polling.await(WAIT, "B has a rendezvous", () -> !b.sip.rendezvousNodes().isEmpty());
    }

    @AfterAll
    static void closeAll() throws Exception {
        OPEN.close();
    }

    private static TestNode rendezvousOfB() {
        return b.sip.rendezvousNodes().get(0).id().equals(s1.identity.nodeId()) ? s1 : s2;
    }

    @Test
    void aCallReachesTheClientThroughItsSuperNodeBothWays() throws Exception {
        TestPhone bob = OPEN.add(new TestPhone("sip:bob-rdv@example.org", b.sip.phoneAddress()));
        TestPhone alice = OPEN.add(new TestPhone("sip:alice@example.org", a.sip.phoneAddress()));
        assertThat(bob.register(600)).isEqualTo(200);
        TestNode rdv = rendezvousOfB();

        List<VerifiedBinding> found = a.location.lookup(Aor.parse("sip:bob-rdv@example.org")).get(10, TimeUnit.SECONDS);
        assertThat(found).singleElement().satisfies(v -> assertThat(v.binding().contacts())
                .as("only the super-node, never B's own face").isNotEmpty()
                .allSatisfy(c -> {
                    assertThat(c.rendezvous()).isEqualTo(rdv.identity.nodeId());
                    assertThat(c.port()).isEqualTo(rdv.sip.peerAddress().getPort());
                })
                .noneMatch(c -> c.port() == b.sip.peerAddress().getPort()));

        alice.send(alice.request(Request.INVITE, "sip:bob-rdv@example.org"));
        Request invite = bob.nextRequest(Request.INVITE);
        assertThat(recordRoutes(invite)).as("the super-node stays on the path, naming B's flow")
                .contains("sip:" + FlowToken.of(b.identity.nodeId()) + "@127.0.0.1:" + rdv.sip.peerAddress().getPort() + ";lr");
        assertThat(alice.finalResponse().getStatusCode()).isEqualTo(200);
        alice.ack();
        bob.nextRequest(Request.ACK);
        assertThat(bob.bye()).as("the callee's BYE goes B → super-node → A").isEqualTo(200);
        alice.nextRequest(Request.BYE);
    }

    @Test
    void aCallFromTheClientRecordRoutesItsFlowSoTheCalleeCanHangUp() throws Exception {
        TestPhone bert = OPEN.add(new TestPhone("sip:bert-out@example.org", b.sip.phoneAddress()));
        TestPhone ann = OPEN.add(new TestPhone("sip:ann-pub@example.org", a.sip.phoneAddress()));
        assertThat(ann.register(600)).isEqualTo(200);
        TestNode rdv = rendezvousOfB();

        bert.send(bert.request(Request.INVITE, "sip:ann-pub@example.org"));
        Request invite = ann.nextRequest(Request.INVITE);
        assertThat(recordRoutes(invite)).as("B's own face (a private address behind a NAT) is not in the route set")
                .contains("sip:" + FlowToken.of(b.identity.nodeId()) + "@127.0.0.1:" + rdv.sip.peerAddress().getPort() + ";lr")
                .noneMatch(rr -> rr.contains(":" + b.sip.peerAddress().getPort() + ";"));
        assertThat(bert.finalResponse().getStatusCode()).isEqualTo(200);
        bert.ack();
        ann.nextRequest(Request.ACK);
        assertThat(ann.bye()).as("the callee's BYE goes A → B's super-node → B's flow").isEqualTo(200);
        Request bye = bert.nextRequest(Request.BYE);
        assertThat(vias(bye)).extracting(ViaHeader::getPort).contains(rdv.sip.peerAddress().getPort());
    }

    @Test
    void aCallerOnTheRendezvousItselfGoesStraightOverTheFlow() throws Exception {
        TestPhone bob = OPEN.add(new TestPhone("sip:bob-own@example.org", b.sip.phoneAddress()));
        TestNode rdv = rendezvousOfB();
        TestPhone carol = OPEN.add(new TestPhone("sip:carol@example.org", rdv.sip.phoneAddress()));
        assertThat(bob.register(600)).isEqualTo(200);

        carol.send(carol.request(Request.INVITE, "sip:bob-own@example.org"));
        Request invite = bob.nextRequest(Request.INVITE);
        assertThat(recordRoutes(invite)).containsSubsequence(
                "sip:" + FlowToken.of(b.identity.nodeId()) + "@127.0.0.1:" + rdv.sip.peerAddress().getPort() + ";lr",
                "sip:127.0.0.1:" + rdv.sip.phoneAddress().getPort() + ";lr");
        assertThat(carol.finalResponse().getStatusCode()).isEqualTo(200);
        carol.ack();
        bob.nextRequest(Request.ACK);
        assertThat(carol.bye()).as("the caller's BYE leaves the rendezvous over the flow").isEqualTo(200);
        bob.nextRequest(Request.BYE);
    }

    @Test
    void aClientWhoseUdpIsBlockedKeepsATcpFlowAndIsCalledOverIt() throws Exception {
        TestNode c = OPEN.add(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), a));
        List<SuperNode> supers = List.of(new SuperNode(s1.identity.nodeId(), s1.sip.peerAddress()),
                new SuperNode(s2.identity.nodeId(), s2.sip.peerAddress()));
        c.sip.startRendezvous(FAST, () -> CompletableFuture.completedFuture(supers), true);
        Polling.await(WAIT, "C has a rendezvous over TCP", () -> !c.sip.rendezvousNodes().isEmpty());
        TestPhone carl = OPEN.add(new TestPhone("sip:carl-tcp@example.org", c.sip.phoneAddress()));
        TestPhone alice = OPEN.add(new TestPhone("sip:alice@example.org", a.sip.phoneAddress()));
        assertThat(carl.register(600)).isEqualTo(200);

        alice.send(alice.request(Request.INVITE, "sip:carl-tcp@example.org"));
        Request invite = carl.nextRequest(Request.INVITE);
        assertThat(vias(invite)).as("the super-node's hop to C").anyMatch(v -> v.getTransport().equalsIgnoreCase("TCP"));
        assertThat(alice.finalResponse().getStatusCode()).isEqualTo(200);
        alice.ack();
        carl.nextRequest(Request.ACK);
        assertThat(carl.bye()).isEqualTo(200);
        alice.nextRequest(Request.BYE);
    }

    @Test
    void anInviteOver1300BytesGoesToTheSuperNodeOverTcp() throws Exception {
        TestPhone bob = OPEN.add(new TestPhone("sip:bob-big@example.org", b.sip.phoneAddress()));
        TestPhone alice = OPEN.add(new TestPhone("sip:alice@example.org", a.sip.phoneAddress()));
        assertThat(bob.register(600)).isEqualTo(200);

        Request big = alice.request(Request.INVITE, "sip:bob-big@example.org");
        StringBuilder sdp = new StringBuilder("v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\n");
        for (int i = 0; sdp.length() < 1_600; i++) sdp.append("a=candidate:").append(i).append(" 1 UDP 2130706431 127.0.0.1 ")
                .append(40_000 + i).append(" typ host\r\n");
        big.setContent(sdp.toString(), alice.headers.createContentTypeHeader("application", "sdp"));
        assertThat(big.toString().length()).isGreaterThan(1_300);
        alice.send(big);
        Request invite = bob.nextRequest(Request.INVITE);
        assertThat(new String(invite.getRawContent(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(sdp.toString());
        assertThat(vias(invite)).as("A's hop to the super-node (RFC 3261 §18.1.1)").anyMatch(v ->
                v.getTransport().equalsIgnoreCase("TCP") && v.getPort() == a.sip.peerAddress().getPort());
        assertThat(alice.finalResponse().getStatusCode()).isEqualTo(200);
        alice.ack();
        bob.nextRequest(Request.ACK);
        assertThat(alice.bye()).isEqualTo(200);
        bob.nextRequest(Request.BYE);
    }

    @Test
    void aFlowRegistrationSignedByAnotherNodeIsRefused() throws Exception {
        TestNode rdv = rendezvousOfB();
        String token = FlowToken.of(b.identity.nodeId()); // A tries to take over B's flow
        String uri = "sip:" + token + "@" + FlowToken.DOMAIN;
        String ruri = "sip:127.0.0.1:" + rdv.sip.peerAddress().getPort();
        String sig = NodeSignature.sign(a.identity, new SignedFields("REGISTER", ruri, SignedFields.party(uri, "h1"),
                SignedFields.party(uri, null), "hijack-1", "1 REGISTER", new byte[0]), System.currentTimeMillis());
        String template = "REGISTER " + ruri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:%d;rport;branch=z9hG4bKhijack1\r\n"
                + "From: <" + uri + ">;tag=h1\r\nTo: <" + uri + ">\r\nCall-ID: hijack-1\r\nCSeq: 1 REGISTER\r\n"
                + "Max-Forwards: 70\r\nContact: <sip:" + token + "@127.0.0.1:%1$d>\r\nExpires: 60\r\n"
                + "P-Peerdial-Identity: " + sig + "\r\nContent-Length: 0\r\n\r\n";
        String answer = RawSip.exchange(InetAddress.getLoopbackAddress(), rdv.sip.peerAddress(), port -> String.format(template, port));
        assertThat(answer).startsWith("SIP/2.0 403");
        assertThat(b.sip.rendezvousNodes()).as("B's flow is untouched").isNotEmpty();
    }

    /** Kills B's super-node; the other tests do not depend on which one B uses (they ask B). */
    @Test
    void whenTheSuperNodeDiesTheClientMovesToAnotherAndRepublishes() throws Exception {
        TestPhone bob = OPEN.add(new TestPhone("sip:bob-failover@example.org", b.sip.phoneAddress()));
        assertThat(bob.register(600)).isEqualTo(200);
        TestNode dead = rendezvousOfB();
        TestNode other = dead == s1 ? s2 : s1;
        long killed = System.nanoTime();
        dead.sip.close();
        Polling.await(WAIT, "B moved to the other super-node", () -> b.sip.rendezvousNodes().stream()
                .anyMatch(s -> s.id().equals(other.identity.nodeId())));
        Polling.await(WAIT, "the binding names the other super-node", () -> {
            try {
                return a.location.lookup(Aor.parse("sip:bob-failover@example.org")).get(10, TimeUnit.SECONDS).stream()
                        .flatMap(v -> v.binding().contacts().stream())
                        .allMatch(c -> other.identity.nodeId().equals(c.rendezvous()));
            } catch (Exception e) {
                return false;
            }
        });
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
        assertThat(seconds).as("refresh 1 s + answer timeout 0.5 s, then a DHT write").isLessThan(10);

        TestPhone alice = OPEN.add(new TestPhone("sip:alice@example.org", a.sip.phoneAddress()));
        alice.send(alice.request(Request.INVITE, "sip:bob-failover@example.org"));
        bob.nextRequest(Request.INVITE);
        assertThat(alice.finalResponse().getStatusCode()).isEqualTo(200);
        alice.ack();
        assertThat(alice.bye()).isEqualTo(200);
    }

    private static List<String> recordRoutes(Request r) {
        List<String> out = new ArrayList<>();
        for (ListIterator<?> it = r.getHeaders(RecordRouteHeader.NAME); it.hasNext(); ) {
            out.add(((RecordRouteHeader) it.next()).getAddress().getURI().toString());
        }
        return out;
    }

    private static List<ViaHeader> vias(Request r) {
        List<ViaHeader> out = new ArrayList<>();
        for (ListIterator<?> it = r.getHeaders(ViaHeader.NAME); it.hasNext(); ) out.add((ViaHeader) it.next());
        return out;
    }

}
