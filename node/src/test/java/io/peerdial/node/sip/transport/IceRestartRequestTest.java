package io.peerdial.node.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.identity.NodeKeyPair;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/MEDIA.md "Relay failover" on loopback: the node-to-node ICE restart request. Two nodes with
 * fake media anchors; once alice (on A) has called bob (on B), A's anchor asks through the
 * {@link IceRestartSignal} the SIP service gave it: the request is looked up and routed to B like a new
 * request, terminated there (never reaching bob's phone), and B's anchor's answer comes back in the 200.
 */
class IceRestartRequestTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(6_006);
    private static final byte[] OFFER = "offer-body".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ANSWER = "answer-body".getBytes(StandardCharsets.UTF_8);

    /** Leaves SDP alone; answers a restart whose body is {@link #OFFER}, else "no such call". */
    private static final class FakeAnchor implements MediaAnchor {
        volatile IceRestartSignal signal;
        final List<String> offered = new CopyOnWriteArrayList<>();

        @Override
        public byte[] rewrite(String callId, Side from, Side to, Carrier carrier, byte[] sdp) {
            return sdp;
        }

        @Override
        public void end(String callId) {
        }

        @Override
        public void iceRestarts(IceRestartSignal s) {
            signal = s;
        }

        @Override
        public Optional<byte[]> restartOffered(byte[] body) throws Refused {
            String text = new String(body, StandardCharsets.UTF_8);
            offered.add(text);
            if (text.equals("forged")) throw new Refused("not authenticated");
            return java.util.Arrays.equals(body, OFFER) ? Optional.of(ANSWER) : Optional.empty();
        }
    }

    private static final FakeAnchor ANCHOR_A = new FakeAnchor();
    private static final FakeAnchor ANCHOR_B = new FakeAnchor();
    private static TestNode a;
    private static TestNode b;
    private static TestPhone alice;
    private static TestPhone bob;

    @BeforeAll
    static void start() throws Exception {
        a = new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), null, ANCHOR_A);
        b = new TestNode(RANDOM, NodeKeyPair.generate(RANDOM.split()), a, ANCHOR_B);
        alice = new TestPhone("sip:alice@example.org", a.sip.phoneAddress());
        bob = new TestPhone("sip:restart@example.org", b.sip.phoneAddress());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, b, a}) {
            try {
                c.close();
            } catch (Exception ignored) {
                // keep closing
            }
        }
    }

    @Test
    void theRestartRequestReachesTheOtherNodeOfTheCallAndBringsBackItsAnswer() throws Exception {
        assertThat(bob.register(600)).isEqualTo(200);
        Request invite = alice.request(Request.INVITE, "sip:restart@example.org");
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        alice.send(invite);
        bob.nextRequest(Request.INVITE);
        assertThat(alice.finalResponse().getStatusCode()).isEqualTo(200);
        alice.ack();

        assertThat(ANCHOR_A.signal).as("the SIP service hands its anchor the restart signal").isNotNull();
        byte[] answer = ANCHOR_A.signal.send(callId, OFFER).get(10, TimeUnit.SECONDS);
        assertThat(answer).isEqualTo(ANSWER);
        assertThat(ANCHOR_B.offered).contains("offer-body");

        // B's anchor does not know the call: 481, so the request fails at A
        assertThatThrownBy(() -> ANCHOR_A.signal.send(callId, "other".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        // no other party known for a Call-ID that never crossed A's faces
        assertThatThrownBy(() -> ANCHOR_A.signal.send("unknown@call", OFFER).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("no other party known");
    }

    @Test
    void anUnsignedRestartRequestIsRefusedBeforeTheAnchorSeesIt() throws Exception {
        String unsigned = "MESSAGE sip:restart@example.org SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bKrestart1\r\n"
                + "From: <sip:x@flow.peerdial.invalid>;tag=1\r\nTo: <sip:restart@example.org>\r\nCall-ID: restart-raw-1\r\n"
                + "CSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\nContent-Type: application/x-peerdial-ice+sdp\r\n"
                + "Content-Length: 6\r\n\r\nforged";
        int before = ANCHOR_B.offered.size();
        String response = RawSip.exchange(InetAddress.getLoopbackAddress(), b.sip.peerAddress(), port -> String.format(unsigned, port));
        assertThat(response).startsWith("SIP/2.0 403");
        assertThat(ANCHOR_B.offered).hasSize(before);
    }
}
