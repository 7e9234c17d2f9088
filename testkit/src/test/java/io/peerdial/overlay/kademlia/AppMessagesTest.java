package io.peerdial.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayEvent.AppFailed;
import io.peerdial.overlay.kademlia.OverlayEvent.AppFailure;
import io.peerdial.overlay.kademlia.OverlayEvent.AppResponse;
import io.peerdial.overlay.storage.InMemoryStoragePolicy;
import io.peerdial.overlay.wire.AppRequest;
import io.peerdial.overlay.wire.ErrorMessage;
import io.peerdial.overlay.wire.ErrorMessage.ErrorCode;
import io.peerdial.overlay.wire.Header;
import io.peerdial.overlay.wire.Message;
import io.peerdial.overlay.wire.MessageCodec;
import io.peerdial.testkit.InMemoryNetwork;
import io.peerdial.testkit.NodeHandle;
import io.peerdial.testkit.RecordingTransport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** APP_REQUEST / APP_RESPONSE (docs/PROTOCOL.md): one node driven by hand, then three on a network. */
class AppMessagesTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("198.51.100.7", 4000);
    private static final InetSocketAddress OTHER = new InetSocketAddress("203.0.113.66", 4000);
    private static final int ECHO = 0x0101;

    private final SplittableRandom random = new SplittableRandom(5);
    private final RecordingTransport out = new RecordingTransport();
    private final OverlayConfig config = OverlayConfig.defaults();

    private OverlayNode node() {
        return new OverlayNode(config, NodeKeyPair.generate(random), new InMemoryStoragePolicy(), random.split());
    }

    private static Message decode(byte[] bytes) {
        try {
            return MessageCodec.decode(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<OverlayEvent> events(OverlayNode n) {
        List<OverlayEvent> all = new ArrayList<>();
        for (OverlayEvent e; (e = n.pollEvent()) != null; ) all.add(e);
        return all;
    }

    @Test
    void answerFromTheAskedAddressCompletesTheRequest() {
        OverlayNode n = node();
        NodeId peerId = NodeId.random(random);
        long id = n.appRequest(0, PEER, peerId, ECHO, utf8("hello"));
        AppRequest sent = (AppRequest) decode(out.drainFrom(n).takeNextTo(PEER));
        assertThat(sent.service()).isEqualTo(ECHO);
        assertThat(new String(sent.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(sent.header().transactionId()).isEqualTo(id);

        Header answer = new Header(id, peerId, true);
        n.handleDatagram(5, OTHER, MessageCodec.encode(new io.peerdial.overlay.wire.AppResponse(answer, ECHO, utf8("forged"))));
        assertThat(events(n)).isEmpty(); // an off-path guess from another address is no answer
        n.handleDatagram(10, PEER, MessageCodec.encode(new io.peerdial.overlay.wire.AppResponse(answer, ECHO, utf8("hi back"))));

        List<OverlayEvent> events = events(n);
        assertThat(events).hasSize(1);
        AppResponse r = (AppResponse) events.get(0);
        assertThat(r.rpcId()).isEqualTo(id);
        assertThat(r.sender()).isEqualTo(peerId);
        assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("hi back");
        assertThat(n.status().pendingRequests()).isZero();
    }

    @Test
    void servedRequestBecomesAnEventAndTheDriverAnswersIt() {
        OverlayNode n = node();
        n.serveApp(ECHO);
        NodeId asker = NodeId.random(random);
        n.handleDatagram(0, PEER, MessageCodec.encode(new AppRequest(new Header(77, asker, true), ECHO, utf8("ping"))));
        out.drain(n);
        out.assertNothingSent(); // the driver answers, not the core

        OverlayEvent.AppRequest req = (OverlayEvent.AppRequest) events(n).get(0);
        assertThat(req.from()).isEqualTo(PEER);
        assertThat(req.sender()).isEqualTo(asker);
        assertThat(req.transactionId()).isEqualTo(77);
        assertThat(new String(req.payload(), StandardCharsets.UTF_8)).isEqualTo("ping");

        n.respondApp(1, req.from(), req.transactionId(), req.service(), utf8("pong"));
        var answer = (io.peerdial.overlay.wire.AppResponse) decode(out.drainFrom(n).takeNextTo(PEER));
        assertThat(answer.header().transactionId()).isEqualTo(77);
        assertThat(answer.service()).isEqualTo(ECHO);
        assertThat(new String(answer.payload(), StandardCharsets.UTF_8)).isEqualTo("pong");
    }

    @Test
    void unservedServiceIsRefusedWithUnknownService() {
        OverlayNode n = node();
        n.serveApp(ECHO);
        n.stopServingApp(ECHO);
        n.handleDatagram(0, PEER, MessageCodec.encode(new AppRequest(new Header(9, NodeId.random(random), true), ECHO, new byte[0])));
        ErrorMessage e = (ErrorMessage) decode(out.drainFrom(n).takeNextTo(PEER));
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SERVICE);
        assertThat(e.header().transactionId()).isEqualTo(9);
        assertThat(events(n)).isEmpty();
    }

    @Test
    void refusalEndsTheRequestWithItsReason() {
        OverlayNode n = node();
        NodeId peerId = NodeId.random(random);
        long unknown = n.appRequest(0, PEER, peerId, 7, new byte[0]);
        long busy = n.appRequest(0, PEER, peerId, ECHO, new byte[0]);
        n.handleDatagram(1, PEER, MessageCodec.encode(new ErrorMessage(new Header(unknown, peerId, true), ErrorCode.UNKNOWN_SERVICE, "no service 7")));
        n.handleDatagram(1, PEER, MessageCodec.encode(new ErrorMessage(new Header(busy, peerId, true), ErrorCode.OVERLOADED, "full")));

        List<OverlayEvent> events = events(n);
        assertThat(events).containsExactly(
                new AppFailed(unknown, AppFailure.UNKNOWN_SERVICE, "UNKNOWN_SERVICE: no service 7"),
                new AppFailed(busy, AppFailure.REFUSED, "OVERLOADED: full"));
    }

    @Test
    void answerFromAnotherNodeOrForAnotherServiceFails() {
        OverlayNode n = node();
        NodeId peerId = NodeId.random(random);
        long wrongNode = n.appRequest(0, PEER, peerId, ECHO, new byte[0]);
        long wrongService = n.appRequest(0, PEER, peerId, ECHO, new byte[0]);
        n.handleDatagram(1, PEER, MessageCodec.encode(new io.peerdial.overlay.wire.AppResponse(
                new Header(wrongNode, NodeId.random(random), true), ECHO, new byte[0])));
        n.handleDatagram(1, PEER, MessageCodec.encode(new io.peerdial.overlay.wire.AppResponse(
                new Header(wrongService, peerId, true), ECHO + 1, new byte[0])));

        assertThat(events(n)).extracting(e -> ((AppFailed) e).reason())
                .containsExactly(AppFailure.WRONG_NODE, AppFailure.BAD_ANSWER);
    }

    @Test
    void unansweredRequestFailsAtTheHardDeadlineOnly() {
        OverlayNode n = node();
        long id = n.appRequest(0, PEER, null, ECHO, new byte[0]);
        out.drain(n);
        long soft = n.pollTimeout();
        n.handleTimeout(soft);
        assertThat(events(n)).isEmpty(); // a slow handler is still waited for

        n.handleTimeout(config.maxRpcTimeoutMs());
        assertThat(events(n)).containsExactly(new AppFailed(id, AppFailure.TIMEOUT, "timeout"));
        assertThat(n.status().pendingRequests()).isZero();
    }

    @Test
    void threeNodesOnANetworkAnswerEachOther() {
        InMemoryNetwork net = new InMemoryNetwork(42);
        OverlayHarness h = new OverlayHarness(net, config);
        h.growTo(3, 1_000);
        NodeHandle<OverlayNode, OverlayEvent> server = h.nodes.get(2);
        NodeHandle<OverlayNode, OverlayEvent> asker = h.nodes.get(0);
        net.invoke(server, (core, now) -> core.serveApp(ECHO));
        server.onEvent(e -> {
            if (e instanceof OverlayEvent.AppRequest r) {
                byte[] reply = ("echo " + new String(r.payload(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                net.invoke(server, (core, now) -> core.respondApp(now, r.from(), r.transactionId(), r.service(), reply));
            }
        });
        NodeId serverId = server.core().nodeId();
        long ok = net.call(asker, (core, now) -> core.appRequest(now, server.address(), serverId, ECHO, utf8("abc")));
        long unknown = net.call(asker, (core, now) -> core.appRequest(now, h.nodes.get(1).address(), null, ECHO, utf8("abc")));

        boolean done = net.runFor(() -> asker.events(AppResponse.class).size() + asker.events(AppFailed.class).size() == 2, 10_000);

        assertThat(done).isTrue();
        AppResponse r = asker.events(AppResponse.class).get(0);
        assertThat(r.rpcId()).isEqualTo(ok);
        assertThat(r.sender()).isEqualTo(serverId);
        assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("echo abc");
        assertThat(asker.events(AppFailed.class)).containsExactly(
                new AppFailed(unknown, AppFailure.UNKNOWN_SERVICE, "UNKNOWN_SERVICE: no service 257"));
    }
}
