package io.peerdial.node.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.binding.Binding;
import io.peerdial.location.binding.BindingContact;
import io.peerdial.location.read.VerifiedBinding;
import io.peerdial.node.sip.rendezvous.FlowClient;
import io.peerdial.node.sip.rendezvous.SuperNode;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import javax.sip.message.Request;
import io.peerdial.testkit.Closer;
import io.peerdial.testkit.runtime.Polling;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contact fallback on loopback (docs/SIP.md "Contact fallback"): client B keeps its only flow to
 * super-node S1; the caller's node C sees B's binding with one more rendezvous contact put first —
 * a dead super-node (a socket that never answers) or a live super-node without B's flow (480) —
 * and the call still reaches B through S1, its second contact.
 */
class ContactFallbackTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(3_261);
    private static final FlowClient.Settings FAST = new FlowClient.Settings(1, 1_000, 500, 60_000);
    private static final Closer OPEN = new Closer();
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Contacts C's lookups put before every binding's own (a stale or dead rendezvous). */
    private static volatile List<BindingContact> staleFirst = List.of();
    private static TestNode a;
    private static TestNode s1;
    private static TestNode s2;
    private static TestNode b;
    private static TestNode c;

    @BeforeAll
    static void overlay() throws Exception {
        a = OPEN.add(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), null));
        s1 = OPEN.add(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), a));
        s2 = OPEN.add(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), a));
        b = OPEN.add(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), a));
        c = OPEN.add(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), a, ContactFallbackTest::withStaleFirst));
        List<SuperNode> onlyS1 = List.of(new SuperNode(s1.identity.nodeId(), s1.sip.peerAddress()));
        b.sip.startRendezvous(FAST, () -> CompletableFuture.completedFuture(onlyS1), false);
        Polling.await(WAIT, "B has its flow to S1", () -> !b.sip.rendezvousNodes().isEmpty());
    }

    @AfterAll
    static void closeAll() throws Exception {
        OPEN.close();
    }

    private static List<VerifiedBinding> withStaleFirst(List<VerifiedBinding> found) {
        List<BindingContact> extra = staleFirst;
        return found.stream().map(v -> {
            List<BindingContact> contacts = new ArrayList<>(extra);
            contacts.addAll(v.binding().contacts());
            Binding b = v.binding();
            return new VerifiedBinding(new Binding(b.aor(), b.device(), b.reachability(), b.capabilities(), contacts),
                    v.owner(), v.seq(), v.issuedAt(), v.expiresAt(), v.trust());
        }).toList();
    }

    @Test
    void aDeadFirstSuperNodeIsGivenUpAndTheCallConnectsThroughTheSecond() throws Exception {
        TestPhone bob = OPEN.add(new TestPhone("sip:bob-dead@example.org", b.sip.phoneAddress()));
        TestPhone carol = OPEN.add(new TestPhone("sip:carol@example.org", c.sip.phoneAddress()));
        assertThat(bob.register(600)).isEqualTo(200);
        try (DatagramSocket dead = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            staleFirst = List.of(BindingContact.viaRendezvous(NodeId.fromBytes(new byte[20]), BindingContact.Transport.UDP,
                    InetAddress.getLoopbackAddress(), dead.getLocalPort()));
            carol.send(carol.request(Request.INVITE, "sip:bob-dead@example.org"));

            dead.setSoTimeout(5_000);
            DatagramPacket got = new DatagramPacket(new byte[65_535], 65_535);
            dead.receive(got);
            assertThat(new String(got.getData(), 0, got.getLength(), StandardCharsets.UTF_8))
                    .as("the first contact was tried").startsWith("INVITE sip:bob-dead@example.org");
            bob.nextRequest(Request.INVITE);
            assertThat(carol.finalResponse().getStatusCode()).as("through S1, the second contact").isEqualTo(200);
            carol.ack();
            bob.nextRequest(Request.ACK);
            assertThat(carol.bye()).isEqualTo(200);
            bob.nextRequest(Request.BYE);
        } finally {
            staleFirst = List.of();
        }
    }

    @Test
    void aSuperNodeWithoutTheFlowAnswers480AndTheNextContactIsTried() throws Exception {
        TestPhone bob = OPEN.add(new TestPhone("sip:bob-stale@example.org", b.sip.phoneAddress()));
        TestPhone carol = OPEN.add(new TestPhone("sip:carol@example.org", c.sip.phoneAddress()));
        assertThat(bob.register(600)).isEqualTo(200);
        InetSocketAddress s2Face = s2.sip.peerAddress();
        staleFirst = List.of(BindingContact.viaRendezvous(s2.identity.nodeId(), BindingContact.Transport.UDP,
                s2Face.getAddress(), s2Face.getPort()));
        try {
            carol.send(carol.request(Request.INVITE, "sip:bob-stale@example.org"));
            bob.nextRequest(Request.INVITE);
            assertThat(carol.finalResponse().getStatusCode()).isEqualTo(200);
            carol.ack();
            bob.nextRequest(Request.ACK);
            assertThat(carol.bye()).isEqualTo(200);
            bob.nextRequest(Request.BYE);
        } finally {
            staleFirst = List.of();
        }
    }
}
