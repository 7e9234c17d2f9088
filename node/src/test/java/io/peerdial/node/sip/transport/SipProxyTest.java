package io.peerdial.node.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.BindingContact;
import io.peerdial.location.read.VerifiedBinding;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #4 on loopback: three nodes (A, and B1, B2 two devices of one user) each with an overlay
 * runtime and the SIP service, JAIN-SIP UAs as standard phones. Each test uses its own AORs.
 */
class SipProxyTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(4_004);
    private static final List<AutoCloseable> OPEN = new ArrayList<>();
    private static TestNode a;
    private static TestNode b1;
    private static TestNode b2;

    @BeforeAll
    static void overlay() throws Exception {
        NodeKeyPair aliceUser = NodeKeyPair.generate(RANDOM.split());
        NodeKeyPair bobUser = NodeKeyPair.generate(RANDOM.split());
        a = open(new TestNode(RANDOM, aliceUser, null));
        b1 = open(new TestNode(RANDOM, bobUser, a));
        b2 = open(new TestNode(RANDOM, bobUser, a));
    }

    /** Phones first, then nodes; each group closed in parallel (a JAIN-SIP stack takes about 1 s to stop). */
    @AfterAll
    static void closeAll() throws InterruptedException {
        closeInParallel(OPEN.stream().filter(c -> c instanceof TestPhone).toList());
        closeInParallel(OPEN.stream().filter(c -> !(c instanceof TestPhone)).toList());
    }

    private static void closeInParallel(List<AutoCloseable> group) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (AutoCloseable c : group) {
            Thread t = new Thread(() -> {
                try {
                    c.close();
                } catch (Exception e) {
                    // keep closing the others
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join(10_000);
    }

    private static <T extends AutoCloseable> T open(T c) {
        OPEN.add(c);
        return c;
    }

    private static TestPhone phone(String aor, TestNode node) throws Exception {
        return open(new TestPhone(aor, node.sip.phoneAddress()));
    }

    @Test
    void registerPublishesABindingToTheNodeFaceAndExpiresZeroWithdrawsIt() throws Exception {
        TestPhone bob = phone("sip:reg@example.org", b1);
        assertThat(bob.register(600)).isEqualTo(200);
        List<VerifiedBinding> found = a.location.lookup(Aor.parse("sip:reg@example.org")).get(10, TimeUnit.SECONDS);
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.binding().device()).isEqualTo(b1.identity.nodeId());
            assertThat(v.binding().contacts()).contains(BindingContact.direct(BindingContact.Transport.UDP,
                    b1.sip.peerAddress().getAddress(), b1.sip.peerAddress().getPort()));
        });
        assertThat(b1.sip.registrations()).isGreaterThanOrEqualTo(1);
        assertThat(bob.register(0)).isEqualTo(200);
        assertThat(a.location.lookup(Aor.parse("sip:reg@example.org")).get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void callBetweenPhonesOnTwoNodesInviteRingingOkAckBye() throws Exception {
        TestPhone bob = phone("sip:call@example.org", b1);
        TestPhone alice = phone("sip:alice@example.org", a); // calls without registering
        assertThat(bob.register(600)).isEqualTo(200);

        alice.send(alice.request(Request.INVITE, "sip:call@example.org"));
        Request invite = bob.nextRequest(Request.INVITE);
        assertThat(invite.getHeader(io.peerdial.node.sip.NodeSignature.HEADER)).as("no node signature reaches a phone").isNull();
        // 180 then 200 leave bob back to back; the stack's worker threads may forward them out of order,
        // and a 180 after the 200 is rightly dropped: only the final answer is certain.
        assertThat(statusesUntilFinal(alice)).endsWith(200);
        alice.ack();
        bob.nextRequest(Request.ACK);
        assertThat(alice.bye()).isEqualTo(200);
        bob.nextRequest(Request.BYE);
    }

    @Test
    void aResponseOfNoTransactionIsForwardedStatelesslyByItsNextVia() throws Exception {
        // e.g. a phone's 2xx repeated after the INVITE transaction ended (RFC 3261 §13.3.1.4, §16.7 step 5):
        // StrayResponseValve hands it over without JAIN-SIP's search of every client transaction
        InetSocketAddress face = b1.sip.peerAddress();
        long stray = b1.sip.metrics().snapshot().counter("responses_stray");
        String forwarded = RawSip.exchange(InetAddress.getLoopbackAddress(), face, port -> "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + face.getPort() + ";branch=z9hG4bKnotransaction1\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bKcaller1\r\n"
                + "From: <sip:alice@example.org>;tag=1\r\nTo: <sip:bob@example.org>;tag=2\r\nCall-ID: stray-1\r\n"
                + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        assertThat(forwarded).startsWith("SIP/2.0 200").contains("branch=z9hG4bKcaller1").doesNotContain("z9hG4bKnotransaction1");
        assertThat(b1.sip.metrics().snapshot().counter("responses_stray")).isEqualTo(stray + 1);
    }

    @Test
    void aPhoneOfTheSameNodeIsReachedLocallyAndTheCalleeCanHangUp() throws Exception {
        TestPhone carol = phone("sip:carol@example.org", a);
        TestPhone alice = phone("sip:alice@example.org", a);
        assertThat(carol.register(600)).isEqualTo(200);

        alice.send(alice.request(Request.INVITE, "sip:carol@example.org"));
        carol.nextRequest(Request.INVITE);
        assertThat(statusesUntilFinal(alice)).endsWith(200);
        alice.ack();
        carol.nextRequest(Request.ACK);
        assertThat(carol.bye()).isEqualTo(200); // the callee's BYE follows the route set back
        alice.nextRequest(Request.BYE);
    }

    @Test
    void cancelBeforeAnswerReachesTheCalleeAndTheCallerGets487() throws Exception {
        TestPhone bob = phone("sip:cancel@example.org", b1);
        bob.answerWith(180);
        TestPhone alice = phone("sip:alice@example.org", a);
        assertThat(bob.register(600)).isEqualTo(200);

        ClientTransaction invite = alice.send(alice.request(Request.INVITE, "sip:cancel@example.org"));
        bob.nextRequest(Request.INVITE);
        assertThat(nextNon100(alice).getStatusCode()).isEqualTo(180);
        alice.provider.getNewClientTransaction(invite.createCancel()).sendRequest();
        bob.nextRequest(Request.CANCEL);
        List<Integer> finals = List.of(alice.finalResponse().getStatusCode(), alice.finalResponse().getStatusCode());
        assertThat(finals).containsExactlyInAnyOrder(200, 487);
    }

    @Test
    void forkingToTwoDevicesFirstOkWinsAndTheOtherIsCanceled() throws Exception {
        TestPhone answering = phone("sip:fork@example.org", b1);
        TestPhone ringing = phone("sip:fork@example.org", b2);
        ringing.answerWith(180);
        TestPhone alice = phone("sip:alice@example.org", a);
        assertThat(answering.register(600)).isEqualTo(200);
        assertThat(ringing.register(600)).isEqualTo(200);
        assertThat(a.location.lookup(Aor.parse("sip:fork@example.org")).get(10, TimeUnit.SECONDS)).hasSize(2);

        alice.send(alice.request(Request.INVITE, "sip:fork@example.org"));
        ringing.nextRequest(Request.INVITE);
        answering.nextRequest(Request.INVITE);
        assertThat(statusesUntilFinal(alice)).endsWith(200);
        ringing.nextRequest(Request.CANCEL);
        alice.ack();
        answering.nextRequest(Request.ACK);
    }

    @Test
    void unknownAorIs404() throws Exception {
        TestPhone alice = phone("sip:alice@example.org", a);
        alice.send(alice.request(Request.MESSAGE, "sip:nobody@example.org"));
        assertThat(alice.finalResponse().getStatusCode()).isEqualTo(404);
    }

    @Test
    void maxForwardsZeroIs483() throws Exception {
        TestPhone alice = phone("sip:alice@example.org", a);
        long loops = a.sip.metrics().snapshot().counter("refused|LOOP");
        Request r = alice.request(Request.OPTIONS, "sip:anyone@example.org");
        ((MaxForwardsHeader) r.getHeader(MaxForwardsHeader.NAME)).setMaxForwards(0);
        alice.send(r);
        assertThat(alice.finalResponse().getStatusCode()).isEqualTo(483);
        assertThat(a.sip.metrics().snapshot().counter("refused|LOOP")).isEqualTo(loops + 1);
    }

    @Test
    void aNodeServingSomeDomainsRefusesRegisterForOthers() throws Exception {
        TestNode restricted = open(new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), a, java.util.function.UnaryOperator.identity(),
                s -> s.withServed(io.peerdial.node.sip.ServedAors.of(List.of("served.example", "sip:one@other.example")))));
        assertThat(phone("sip:anyone@served.example", restricted).register(600)).isEqualTo(200);
        assertThat(phone("sip:one@other.example", restricted).register(600)).isEqualTo(200);
        assertThat(phone("sip:two@other.example", restricted).register(600)).isEqualTo(403);
        assertThat(restricted.sip.registrations()).isEqualTo(2);
    }

    @Test
    void callOutcomesAreCountedForTheMetrics() throws Exception {
        TestPhone alice = phone("sip:alice@example.org", a);
        io.peerdial.node.sip.SipMetrics.Snapshot before = a.sip.metrics().snapshot();
        alice.send(alice.request(Request.INVITE, "sip:nobody-metrics@example.org"));
        assertThat(statusesUntilFinal(alice)).endsWith(404);
        io.peerdial.node.sip.SipMetrics.Snapshot after = a.sip.metrics().snapshot();
        assertThat(after.counter("calls_attempted|OUTGOING")).isEqualTo(before.counter("calls_attempted|OUTGOING") + 1);
        assertThat(after.counter("calls_failed|OUTGOING|404")).isEqualTo(before.counter("calls_failed|OUTGOING|404") + 1);
        assertThat(after.counter("requests_received|PHONE|INVITE")).isGreaterThan(before.counter("requests_received|PHONE|INVITE"));
        assertThat(after.lookups() + after.lookupFailures()).isGreaterThan(before.lookups() + before.lookupFailures());
    }

    @Test
    void aMalformedDatagramGets400() throws Exception {
        String bad = "INVITE sip:bob@example.org SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bKbad1\r\n"
                + "From: <sip:alice@example.org>;tag=1\r\nTo: <sip:bob@example.org>\r\nCall-ID: bad-1\r\n"
                + "CSeq: notanumber INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        assertThat(rawExchange(a.sip.phoneAddress(), bad)).startsWith("SIP/2.0 400");
    }

    @Test
    void aBadNodeSignatureGets403() throws Exception {
        String forged = "MESSAGE sip:bob@example.org SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bKforged1\r\n"
                + "From: <sip:alice@example.org>;tag=1\r\nTo: <sip:bob@example.org>\r\nCall-ID: forged-1\r\n"
                + "CSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\n"
                + "P-Peerdial-Identity: " + io.peerdial.node.sip.NodeSignature.sign(a.identity,
                        new io.peerdial.node.sip.SignedFields("MESSAGE", "sip:bob@example.org", "sip:eve@example.org;tag=1",
                                "sip:bob@example.org", "forged-1", "1 MESSAGE", new byte[0]), System.currentTimeMillis()) + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        assertThat(rawExchange(b1.sip.peerAddress(), forged)).startsWith("SIP/2.0 403");
        String unsigned = forged.replaceAll("P-Peerdial-Identity: [^\r]*\r\n", "").replace("forged1", "forged2");
        assertThat(rawExchange(b1.sip.peerAddress(), unsigned)).startsWith("SIP/2.0 403");
    }

    /** Sends one datagram (with %d replaced by our port) and returns the first line of the first response. */
    private static String rawExchange(InetSocketAddress to, String template) throws Exception {
        return RawSip.exchange(InetAddress.getLoopbackAddress(), to, port -> String.format(template, port))
                .lines().findFirst().orElse("");
    }

    private static Response nextNon100(TestPhone phone) throws InterruptedException {
        while (true) {
            Response r = phone.nextResponse();
            if (r.getStatusCode() != 100) return r;
        }
    }

    private static List<Integer> statusesUntilFinal(TestPhone phone) throws InterruptedException {
        List<Integer> out = new ArrayList<>();
        while (true) {
            int s = phone.nextResponse().getStatusCode();
            out.add(s);
            if (s >= 200) return out;
        }
    }
}
