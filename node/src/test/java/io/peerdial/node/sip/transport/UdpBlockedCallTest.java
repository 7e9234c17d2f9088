package io.peerdial.node.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.BindingContact;
import io.peerdial.location.read.VerifiedBinding;
import io.peerdial.node.sip.rendezvous.FlowClient;
import io.peerdial.node.sip.rendezvous.SuperNode;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.nat.Reachability;
import io.peerdial.testkit.Closer;
import io.peerdial.testkit.runtime.Polling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A UDP-blocked node on loopback (docs/SIP.md "UDP-blocked nodes"): node T runs its overlay over
 * TCP (docs/PROTOCOL.md "Datagrams over TCP"), finds its super-nodes through that overlay, keeps a
 * TCP flow, publishes its binding; a call from T's phone reaches a public node's phone with every
 * node hop from T over TCP, and a call to T's phone arrives over T's flow.
 */
class UdpBlockedCallTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(8_656);
    private static final FlowClient.Settings FAST = new FlowClient.Settings(1, 1_000, 500, 60_000);
    private static final Closer OPEN = new Closer();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TestNode seed;
    private static TestNode s1;
    private static TestNode b;
    private static TestNode t;

    @BeforeAll
    static void overlay() throws Exception {
        seed = OPEN.add(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), null));
        s1 = OPEN.add(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), seed));
        b = OPEN.add(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), seed));
        t = OPEN.add(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), seed, true));
        Polling.await(WAIT, "T knows nodes over TCP", () -> t.runtime.status().join().contacts() >= 3);
        // The super-nodes come out of T's overlay (a lookup over TCP), as NodeDaemon.superNodes does;
        // test nodes' SIP faces are not at overlay port + 1, so map each NodeId to its face.
        Map<NodeId, TestNode> byId = Map.of(seed.identity.nodeId(), seed, s1.identity.nodeId(), s1, b.identity.nodeId(), b);
        t.sip.startRendezvous(FAST, () -> t.runtime.findNode(t.runtime.nodeId()).thenApply(done -> done.closest().stream()
                .filter(c -> byId.containsKey(c.id()))
                .map(c -> new SuperNode(c.id(), byId.get(c.id()).sip.peerAddress())).toList()), true);
        Polling.await(WAIT, "T has a rendezvous over TCP", () -> !t.sip.rendezvousNodes().isEmpty());
    }

    @AfterAll
    static void closeAll() throws Exception {
        OPEN.close();
    }

    @Test
    void theOverlayOfTheBlockedNodeStaysUdpBlockedAndAClient() throws Exception {
        var status = t.runtime.status().get(10, TimeUnit.SECONDS);
        assertThat(status.reachability()).isEqualTo(Reachability.UDP_BLOCKED);
        assertThat(status.client()).isTrue();
        assertThat(t.runtime.runtimeStats().tcpFramesOut()).isEqualTo(t.runtime.runtimeStats().datagramsOut());
    }

    @Test
    void aCallFromTheBlockedNodeLeavesOverTcp() throws Exception {
        TestPhone bob = OPEN.add(new TestPhone("sip:bob-pub@example.org", b.sip.phoneAddress()));
        TestPhone tom = OPEN.add(new TestPhone("sip:tom-out@example.org", t.sip.phoneAddress()));
        assertThat(bob.register(600)).isEqualTo(200);
        assertThat(tom.register(600)).isEqualTo(200);

        tom.send(tom.request(Request.INVITE, "sip:bob-pub@example.org"));
        Request invite = bob.nextRequest(Request.INVITE);
        assertThat(vias(invite)).as("T's node-face hop (B's own Via tops it)").element(1)
                .satisfies(v -> assertThat(v.getTransport()).isEqualToIgnoringCase("TCP"));
        assertThat(tom.finalResponse().getStatusCode()).isEqualTo(200);
        tom.ack();
        bob.nextRequest(Request.ACK);
        assertThat(tom.bye()).as("the caller's BYE goes T → B over TCP").isEqualTo(200);
        bob.nextRequest(Request.BYE);
    }

    @Test
    void theCalleeHangsUpOnTheBlockedCallerThroughItsFlow() throws Exception {
        TestPhone bill = OPEN.add(new TestPhone("sip:bill-pub@example.org", b.sip.phoneAddress()));
        TestPhone tess = OPEN.add(new TestPhone("sip:tess-out@example.org", t.sip.phoneAddress()));
        assertThat(bill.register(600)).isEqualTo(200);

        tess.send(tess.request(Request.INVITE, "sip:bill-pub@example.org"));
        Request invite = bill.nextRequest(Request.INVITE);
        String ownFlow = "sip:" + t.identity.nodeId().toHex() + "@";
        assertThat(recordRoutes(invite)).as("T routes the far side's requests through its flow, not its own face")
                .anyMatch(rr -> rr.startsWith(ownFlow) && rr.contains("transport=tcp"))
                .noneMatch(rr -> rr.contains(":" + t.sip.peerAddress().getPort() + ";"));
        assertThat(tess.finalResponse().getStatusCode()).isEqualTo(200);
        tess.ack();
        bill.nextRequest(Request.ACK);
        assertThat(bill.bye()).as("the callee's BYE reaches T down its TCP flow").isEqualTo(200);
        Request bye = tess.nextRequest(Request.BYE);
        assertThat(vias(bye)).as("the super-node's hop to T").anyMatch(v -> v.getTransport().equalsIgnoreCase("TCP"));
    }

    @Test
    void aCallToTheBlockedNodeArrivesOverItsFlow() throws Exception {
        TestPhone tina = OPEN.add(new TestPhone("sip:tina-in@example.org", t.sip.phoneAddress()));
        TestPhone bea = OPEN.add(new TestPhone("sip:bea@example.org", b.sip.phoneAddress()));
        assertThat(tina.register(600)).isEqualTo(200);
        Polling.await(WAIT, "T's binding lists its rendezvous", () -> {
            List<VerifiedBinding> found = b.location.lookup(Aor.parse("sip:tina-in@example.org")).join();
            return !found.isEmpty() && found.get(0).binding().contacts().stream().allMatch(BindingContact::isRendezvous)
                    && found.get(0).binding().contacts().stream().anyMatch(c -> c.transport() == BindingContact.Transport.TCP);
        });

        bea.send(bea.request(Request.INVITE, "sip:tina-in@example.org"));
        Request invite = tina.nextRequest(Request.INVITE);
        assertThat(vias(invite)).as("the super-node's hop to T").anyMatch(v -> v.getTransport().equalsIgnoreCase("TCP"));
        assertThat(bea.finalResponse().getStatusCode()).isEqualTo(200);
        bea.ack();
        tina.nextRequest(Request.ACK);
        assertThat(bea.bye()).as("the caller's BYE reaches T over its flow").isEqualTo(200);
        tina.nextRequest(Request.BYE);
    }

    private static List<String> recordRoutes(Request r) {
        List<String> out = new ArrayList<>();
        for (ListIterator<?> it = r.getHeaders(javax.sip.header.RecordRouteHeader.NAME); it.hasNext(); ) {
            out.add(((javax.sip.header.RecordRouteHeader) it.next()).getAddress().getURI().toString());
        }
        return out;
    }

    private static List<ViaHeader> vias(Request r) {
        List<ViaHeader> out = new ArrayList<>();
        for (ListIterator<?> it = r.getHeaders(ViaHeader.NAME); it.hasNext(); ) out.add((ViaHeader) it.next());
        return out;
    }
}
