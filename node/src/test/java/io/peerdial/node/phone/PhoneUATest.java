package io.peerdial.node.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.node.media.sdp.MediaDirection;
import io.peerdial.node.media.sdp.Negotiated;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5 on loopback: PhoneUAs registered at a real node's SIP service (a NodeDaemon, the
 * outbound proxy and registrar), the fake media engine. Each test uses its own AORs.
 */
class PhoneUATest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long WAIT_S = EventLog.WAIT_S;
    private static final List<PhoneUA> PHONES = new ArrayList<>();
    @TempDir
    static Path data;
    private static NodeDaemon node;

    @BeforeAll
    static void startNode() throws Exception {
        InetSocketAddress any = new InetSocketAddress(LOOPBACK, 0);
        node = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(), data, any, Role.SUPER,
                io.peerdial.location.trust.TrustAnchors.none(), any));
    }

    @AfterAll
    static void stop() {
        PHONES.parallelStream().forEach(PhoneUA::close);
        if (node != null) node.close();
    }

    private record Phone(PhoneUA ua, EventLog events, FakeMediaEngine media) {}

    private static Phone phone(String aor, boolean autoAnswer, int firstPort) throws Exception {
        EventLog events = new EventLog();
        FakeMediaEngine media = new FakeMediaEngine(firstPort);
        PhoneUA ua = PhoneUA.start(new PhoneUA.Settings(aor, node.sip().phoneAddress(), LOOPBACK, autoAnswer, MediaOptions.NONE),
                media, events);
        PHONES.add(ua);
        assertThat(ua.register(600).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(200);
        return new Phone(ua, events, media);
    }

    @Test
    void callRingsIsAnsweredHeldResumedAndHungUp() throws Exception {
        Phone alice = phone("sip:alice1@example.org", false, 20000);
        Phone bob = phone("sip:bob1@example.org", false, 30000);

        int out = alice.ua().call("sip:bob1@example.org").get(WAIT_S, TimeUnit.SECONDS);
        PhoneEvent incoming = bob.events().incoming();
        assertThat(incoming.peer()).isEqualTo("sip:alice1@example.org");
        assertThat(incoming.toString()).contains("incoming call from sip:alice1@example.org");
        assertThat(alice.events().state(out, CallState.RINGING).status()).isEqualTo(180);

        bob.ua().answer(incoming.callId()).get(WAIT_S, TimeUnit.SECONDS);
        alice.events().state(out, CallState.ESTABLISHED);
        bob.events().state(incoming.callId(), CallState.ESTABLISHED);
        Negotiated atAlice = alice.media().legs.get(0).last();
        Negotiated atBob = bob.media().legs.get(0).last();
        assertThat(atAlice.remotePort()).isEqualTo(30000);
        assertThat(atBob.remotePort()).isEqualTo(20000);
        assertThat(atAlice.codec().encoding()).isEqualTo("PCMU"); // the offerer's first choice
        assertThat(atAlice.telephoneEvent()).isEqualTo(101);
        assertThat(atAlice.direction()).isEqualTo(MediaDirection.SENDRECV);

        alice.ua().hold(out).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(alice.events().state(out, CallState.HELD).reason()).isEqualTo("by us");
        assertThat(bob.events().state(incoming.callId(), CallState.HELD).reason()).isEqualTo("by the far side");
        assertThat(alice.media().legs.get(0).last().direction()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(bob.media().legs.get(0).last().direction()).isEqualTo(MediaDirection.RECVONLY);

        alice.ua().resume(out).get(WAIT_S, TimeUnit.SECONDS);
        alice.events().state(out, CallState.ESTABLISHED);
        bob.events().state(incoming.callId(), CallState.ESTABLISHED);
        assertThat(bob.media().legs.get(0).last().direction()).isEqualTo(MediaDirection.SENDRECV);

        assertThat(alice.ua().sendDtmf(out, "123#").get(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(alice.media().legs.get(0).dtmf).containsExactly("123#");

        alice.ua().hangup(out).get(WAIT_S, TimeUnit.SECONDS);
        alice.events().state(out, CallState.ENDED);
        assertThat(bob.events().state(incoming.callId(), CallState.ENDED).reason()).isEqualTo("far side hung up");
        assertThat(bob.media().legs.get(0).closed).isTrue();
        assertThat(alice.ua().calls().get(WAIT_S, TimeUnit.SECONDS)).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(CallState.ENDED));
    }

    @Test
    void farSideHoldAndAutoAnswer() throws Exception {
        Phone carol = phone("sip:carol2@example.org", false, 21000);
        Phone dave = phone("sip:dave2@example.org", true, 31000);
        int out = carol.ua().call("sip:dave2@example.org").get(WAIT_S, TimeUnit.SECONDS);
        carol.events().state(out, CallState.ESTABLISHED);
        int in = dave.events().state(dave.events().incoming().callId(), CallState.ESTABLISHED).callId();
        dave.ua().hold(in).get(WAIT_S, TimeUnit.SECONDS); // a re-INVITE from the callee's side
        carol.events().state(out, CallState.HELD);
        dave.ua().hangup(in).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(carol.events().state(out, CallState.ENDED).reason()).isEqualTo("far side hung up");
    }

    @Test
    void rejectedCallEndsWithTheRejectionStatus() throws Exception {
        Phone alice = phone("sip:alice3@example.org", false, 22000);
        Phone bob = phone("sip:bob3@example.org", false, 32000);
        int out = alice.ua().call("sip:bob3@example.org").get(WAIT_S, TimeUnit.SECONDS);
        int in = bob.events().incoming().callId();
        bob.ua().reject(in, 486).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(alice.events().state(out, CallState.ENDED).status()).isEqualTo(486);
        assertThat(bob.events().state(in, CallState.ENDED).status()).isEqualTo(486);
    }

    @Test
    void hangupBeforeAnswerCancels() throws Exception {
        Phone alice = phone("sip:alice4@example.org", false, 23000);
        Phone bob = phone("sip:bob4@example.org", false, 33000);
        int out = alice.ua().call("sip:bob4@example.org").get(WAIT_S, TimeUnit.SECONDS);
        int in = bob.events().incoming().callId();
        alice.events().state(out, CallState.RINGING);
        alice.ua().hangup(out).get(WAIT_S, TimeUnit.SECONDS);
        PhoneEvent ended = alice.events().state(out, CallState.ENDED);
        assertThat(ended.status()).isEqualTo(487);
        assertThat(ended.reason()).isEqualTo("canceled");
        assertThat(bob.events().state(in, CallState.ENDED).reason()).isEqualTo("canceled by the caller");
    }

    @Test
    void callToAnUnknownAorEndsWith404() throws Exception {
        Phone alice = phone("sip:alice5@example.org", false, 24000);
        int out = alice.ua().call("sip:nobody5@example.org").get(WAIT_S, TimeUnit.SECONDS);
        assertThat(alice.events().state(out, CallState.ENDED).status()).isEqualTo(404);
        assertThat(alice.media().legs.get(0).closed).isTrue();
    }
}
