package io.peerdial.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.storage.InMemoryStoragePolicy;
import io.peerdial.overlay.storage.StoreStatus;
import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunDecoder;
import io.peerdial.overlay.stun.StunEncoder;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.StunMethods;
import io.peerdial.overlay.stun.TransactionId;
import io.peerdial.overlay.stun.XorMappedAddress;
import io.peerdial.overlay.wire.AuthChallenge;
import io.peerdial.overlay.wire.AuthProof;
import io.peerdial.overlay.wire.FindNode;
import io.peerdial.overlay.wire.Header;
import io.peerdial.overlay.wire.Message;
import io.peerdial.overlay.wire.MessageCodec;
import io.peerdial.overlay.wire.Nodes;
import io.peerdial.overlay.wire.Ping;
import io.peerdial.overlay.wire.Pong;
import io.peerdial.overlay.wire.Store;
import io.peerdial.overlay.wire.StoreResult;
import io.peerdial.testkit.InMemoryNetwork;
import io.peerdial.testkit.LatencyModel;
import io.peerdial.testkit.RecordingTransport;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One node's protocol rules, driven by hand or on a small in-memory network. */
class OverlayNodeTest {

    private static final InetSocketAddress ME = new InetSocketAddress("192.0.2.1", 4000);
    private static final InetSocketAddress PEER = new InetSocketAddress("198.51.100.7", 4000);
    private static final InetSocketAddress ATTACKER = new InetSocketAddress("203.0.113.66", 4000);

    private final SplittableRandom random = new SplittableRandom(11);
    private final RecordingTransport out = new RecordingTransport();

    private OverlayNode node(OverlayConfig config) {
        return new OverlayNode(config, NodeKeyPair.generate(random), new InMemoryStoragePolicy(), random.split());
    }

    private static Message decode(byte[] bytes) {
        try {
            return MessageCodec.decode(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] encode(Message m) {
        return MessageCodec.encode(m);
    }

    @Test
    void badDatagramsAreCountedPerReasonAndNeverAnswered() {
        OverlayNode n = node(OverlayConfig.defaults());
        byte[] valid = encode(new Ping(new Header(1, NodeId.random(random), true)));
        byte[] truncated = java.util.Arrays.copyOf(valid, 20);
        byte[] wrongVersion = valid.clone();
        wrongVersion[1] = 9;
        n.handleDatagram(0, PEER, truncated);
        n.handleDatagram(0, PEER, wrongVersion);
        n.handleDatagram(0, PEER, new byte[] {(byte) 0x80, 1, 2}); // RTP-looking
        n.handleDatagram(0, PEER, new byte[0]);
        n.handleDatagram(0, PEER, new byte[1500]);                 // STUN's first byte, no magic cookie
        out.drain(n);
        out.assertNothingSent();
        assertThat(n.status().counters())
                .containsEntry("bad.truncated", 1L)
                .containsEntry("bad.unsupported_version", 1L)
                .containsEntry("bad.not-overlay", 3L);
    }

    @Test
    void responseFromAnotherAddressThanAskedIsIgnored() {
        OverlayNode n = node(OverlayConfig.defaults());
        n.join(0, List.of(PEER));
        FindNode probe = (FindNode) decode(out.drainFrom(n).takeNextTo(PEER));
        NodeId peerId = NodeId.random(random);
        Nodes forged = new Nodes(new Header(probe.header().transactionId(), peerId, false), ME, 1,
                List.of(new io.peerdial.overlay.wire.Contact(NodeId.random(random), ATTACKER)));
        n.handleDatagram(5, ATTACKER, encode(forged)); // off-path: right transaction id, wrong source
        assertThat(n.status().counters()).containsEntry("responses.unexpected", 1L);
        assertThat(n.status().pendingRequests()).isEqualTo(1); // the real answer is still awaited
        n.handleDatagram(6, PEER, encode(new Nodes(new Header(probe.header().transactionId(), peerId, false), ME, 1, List.of())));
        assertThat(n.status().counters()).containsEntry("responses.in", 1L);
    }

    @Test
    void transactionIdsAreRandomAndEchoed() {
        OverlayNode n = node(OverlayConfig.defaults());
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) n.ping(0, PEER);
        for (var t : out.drainFrom(n).takeAll()) ids.add(decode(t.payload()).header().transactionId());
        assertThat(ids).hasSize(50).doesNotContain(0L);

        long tx = 0x1122334455667788L;
        n.handleDatagram(1, PEER, encode(new Ping(new Header(tx, NodeId.random(random), true))));
        Pong pong = (Pong) decode(out.drainFrom(n).takeNextTo(PEER));
        assertThat(pong.header().transactionId()).isEqualTo(tx);
        assertThat(pong.observed()).isEqualTo(PEER);
    }

    @Test
    void aContactEntersTheTableOnlyAfterProvingItsKey() {
        OverlayNode n = node(OverlayConfig.defaults());
        NodeKeyPair honest = NodeKeyPair.generate(random);
        n.handleDatagram(0, PEER, encode(new Ping(new Header(1, honest.nodeId(), false))));
        out.drainFrom(n).takeNextTo(PEER); // pong
        AuthChallenge ch = (AuthChallenge) decode(out.takeNextTo(PEER));
        assertThat(n.routingTable().size()).isZero();
        byte[] proof = NodeAuthenticator.ed25519(honest).prove(ch.nonce());
        n.handleDatagram(1, PEER, encode(new AuthProof(new Header(ch.header().transactionId(), honest.nodeId(), false), ME,
                honest.publicKey(), proof)));
        assertThat(n.routingTable().get(honest.nodeId())).isNotNull();
    }

    @Test
    void aForgedProofKeepsTheClaimedIdOut() {
        OverlayNode n = node(OverlayConfig.defaults());
        NodeKeyPair victim = NodeKeyPair.generate(random), attacker = NodeKeyPair.generate(random);
        // Claims the victim's NodeId, signs with its own key (or presents the victim's key with a bad signature).
        for (int attempt = 0; attempt < 2; attempt++) {
            InetSocketAddress from = new InetSocketAddress("203.0.113." + (10 + attempt), 4000);
            n.handleDatagram(attempt, from, encode(new Ping(new Header(1, victim.nodeId(), false))));
            out.drainFrom(n).takeNextTo(from);
            AuthChallenge ch = (AuthChallenge) decode(out.takeNextTo(from));
            byte[] key = attempt == 0 ? attacker.publicKey() : victim.publicKey();
            byte[] sig = NodeAuthenticator.ed25519(attacker).prove(ch.nonce());
            n.handleDatagram(attempt, from, encode(new AuthProof(new Header(ch.header().transactionId(), victim.nodeId(), false),
                    ME, key, sig)));
        }
        assertThat(n.routingTable().get(victim.nodeId())).isNull();
        assertThat(n.status().counters()).containsEntry("auth.failed", 2L);
    }

    @Test
    void clientsAreAnsweredButNeverChallengedOrAdded() {
        OverlayNode n = node(OverlayConfig.defaults());
        n.handleDatagram(0, PEER, encode(new FindNode(new Header(7, NodeId.random(random), true), NodeId.random(random))));
        List<io.peerdial.overlay.protocol.Transmit> sent = out.drainFrom(n).takeAll();
        assertThat(sent).hasSize(1);
        assertThat(decode(sent.get(0).payload())).isInstanceOf(Nodes.class);
        assertThat(n.routingTable().size()).isZero();
    }

    @Test
    void aFloodFromOneSourceIsCutToItsTokenBucket() {
        OverlayNode n = node(OverlayConfig.defaults().withRateLimit(10, 5));
        for (int i = 0; i < 20; i++) n.handleDatagram(0, PEER, encode(new Ping(new Header(i + 1, NodeId.random(random), true))));
        assertThat(out.drainFrom(n).takeAllTo(PEER)).hasSize(5);
        assertThat(n.status().counters()).containsEntry("requests.rateLimited", 15L);
        n.handleDatagram(0, ATTACKER, encode(new Ping(new Header(99, NodeId.random(random), true))));
        assertThat(out.drainFrom(n).takeAllTo(ATTACKER)).hasSize(1); // other sources unaffected
        n.handleDatagram(1_000, PEER, encode(new Ping(new Header(100, NodeId.random(random), true))));
        assertThat(out.drainFrom(n).takeAllTo(PEER)).hasSize(1);      // refilled after a second
    }

    @Test
    void storeNeedsATokenIssuedToTheSameAddress() {
        OverlayNode n = node(OverlayConfig.defaults());
        NodeId key = NodeId.random(random);
        n.handleDatagram(0, PEER, encode(new FindNode(new Header(1, NodeId.random(random), true), key)));
        long token = ((Nodes) decode(out.drainFrom(n).takeNextTo(PEER))).writeToken();

        n.handleDatagram(1, ATTACKER, encode(new Store(new Header(2, NodeId.random(random), true), key, token, new byte[] {1})));
        StoreResult spoofed = (StoreResult) decode(out.drainFrom(n).takeNextTo(ATTACKER));
        assertThat(spoofed.status()).isEqualTo(StoreStatus.BAD_TOKEN.code);

        n.handleDatagram(2, PEER, encode(new Store(new Header(3, NodeId.random(random), true), key, token, new byte[] {1})));
        assertThat(((StoreResult) decode(out.drainFrom(n).takeNextTo(PEER))).status()).isEqualTo(StoreStatus.STORED.code);
        assertThat(n.status().storedValues()).isEqualTo(1);

        // Tokens outlive one rotation, not two.
        n.handleDatagram(WriteTokens.ROTATION_MS * 2 + 3, PEER,
                encode(new Store(new Header(4, NodeId.random(random), true), key, token, new byte[] {2})));
        assertThat(((StoreResult) decode(out.drainFrom(n).takeNextTo(PEER))).status()).isEqualTo(StoreStatus.BAD_TOKEN.code);
    }

    @Test
    void theOverlayPortAnswersStunBindingRequests() throws Exception {
        OverlayNode n = node(OverlayConfig.defaults());
        TransactionId tid = TransactionId.random(random);
        byte[] request = StunEncoder.standard().encode(StunMessage.of(StunClass.REQUEST, StunMethods.BINDING, tid));
        n.handleDatagram(0, PEER, request);
        StunMessage answer = StunDecoder.standard().decode(out.drainFrom(n).takeNextTo(PEER));
        assertThat(answer.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(answer.transactionId()).isEqualTo(tid);
        assertThat(answer.first(XorMappedAddress.class)).get().extracting(XorMappedAddress::address).isEqualTo(PEER);
    }

    @Test
    void timeoutsAdaptToMeasuredRoundTrips() {
        InMemoryNetwork net = InMemoryNetwork.builder().seed(3).latency(LatencyModel.constant(5)).build();
        OverlayHarness o = new OverlayHarness(net, OverlayConfig.defaults());
        o.growTo(30, 50);
        net.runFor(5_000);
        var a = o.nodes.get(0);
        for (int i = 1; i < 30; i++) net.kill(o.nodes.get(i));
        long start = net.now();
        o.findNode(a, NodeId.random(o.random));
        // RTTs of 10 ms were measured: every contact is given up after the 50 ms floor, not the 1 s initial timeout.
        assertThat(net.now() - start).isLessThan(400);
    }

    @Test
    void valuesLargerThanOneDatagramArePagedAndAllFound() {
        InMemoryNetwork net = InMemoryNetwork.builder().seed(4).latency(LatencyModel.perPair(5, 40, 1)).build();
        OverlayHarness o = new OverlayHarness(net, OverlayConfig.defaults());
        o.growTo(60, 30);
        net.runFor(10_000);
        NodeId key = NodeId.random(o.random);
        Set<String> stored = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            byte[] v = new byte[700];
            java.util.Arrays.fill(v, (byte) i);
            stored.add(java.util.HexFormat.of().formatHex(v));
            var writer = o.nodes.get(i);
            net.call(writer, (core, now) -> core.store(now, key, v));
            assertThat(net.runFor(() -> !writer.events(OverlayEvent.StoreCompleted.class).isEmpty(), 30_000)).isTrue();
            assertThat(writer.events(OverlayEvent.StoreCompleted.class).get(0).storedCount()).isEqualTo(20);
        }
        var reader = o.nodes.get(40);
        net.call(reader, (core, now) -> core.findValue(now, key));
        assertThat(net.runFor(() -> !reader.events(OverlayEvent.ValuesFound.class).isEmpty(), 30_000)).isTrue();
        Set<String> found = new HashSet<>();
        for (byte[] v : reader.events(OverlayEvent.ValuesFound.class).get(0).values()) found.add(java.util.HexFormat.of().formatHex(v));
        assertThat(found).isEqualTo(stored);
    }

    @Test
    void aNodeJoiningCloserToAKeyReceivesItsValues() {
        InMemoryNetwork net = InMemoryNetwork.builder().seed(5).latency(LatencyModel.perPair(5, 40, 2)).build();
        OverlayHarness o = new OverlayHarness(net, OverlayConfig.defaults());
        o.growTo(60, 30);
        net.runFor(10_000);
        NodeId key = NodeId.random(o.random);
        var writer = o.nodes.get(0);
        net.call(writer, (core, now) -> core.store(now, key, new byte[] {42}));
        assertThat(net.runFor(() -> !writer.events(OverlayEvent.StoreCompleted.class).isEmpty(), 30_000)).isTrue();

        // A newcomer closer to the key than every node there, joining long after the STORE.
        NodeId nearest = o.liveIdsSortedByDistance(key).get(0);
        NodeKeyPair closer;
        do {
            closer = NodeKeyPair.generate(o.random);
        } while (key.compareDistance(closer.nodeId(), nearest) >= 0);
        InMemoryStoragePolicy newcomerStorage = new InMemoryStoragePolicy();
        OverlayNode core = new OverlayNode(o.config, closer, newcomerStorage, net.newRandom());
        var newcomer = net.add(net.nextAddress(), core);
        o.nodes.add(newcomer);
        net.invoke(newcomer, (c, now) -> c.join(now, List.of(o.nodes.get(7).address())));
        assertThat(net.runFor(() -> !newcomerStorage.get(net.now(), key).isEmpty(), 30_000))
                .as("the value was handed to the closer newcomer").isTrue();
        assertThat(newcomerStorage.get(net.now(), key)).singleElement().isEqualTo(new byte[] {42});
        long handedOff = 0;
        for (var h : o.nodes) handedOff += h.core().status().counters().getOrDefault("handoff.values", 0L);
        assertThat(handedOff).as("one old holder hands it off, not all twenty").isBetween(1L, 3L);
    }

    @Test
    void nodesWithoutNatClassifyThemselvesPublic() {
        InMemoryNetwork net = InMemoryNetwork.builder().seed(6).latency(LatencyModel.constant(5)).build();
        OverlayHarness o = new OverlayHarness(net, OverlayConfig.defaults());
        for (int i = 0; i < 5; i++) {
            var h = o.addNode();
            net.invoke(h, (core, now) -> core.localAddresses(java.util.Set.of(h.address())));
        }
        net.invoke(o.nodes.get(0), (core, now) -> core.join(now, List.of()));
        for (int i = 1; i < 5; i++) {
            var bootstrap = List.of(o.nodes.get(0).address());
            net.invoke(o.nodes.get(i), (core, now) -> core.join(now, bootstrap));
        }
        net.runFor(5_000);
        for (var h : o.nodes) assertThat(h.core().status().reachability()).isEqualTo(io.peerdial.overlay.nat.Reachability.PUBLIC);
    }

    @Test
    void anAutoNodeThatFindsItselfBehindANatBecomesADhtClient() {
        OverlayNode n = node(OverlayConfig.defaults().withAutoClient(true));
        n.localAddresses(Set.of(ME));
        InetSocketAddress peer2 = new InetSocketAddress("203.0.113.9", 4000);
        n.ping(0, PEER);
        n.ping(0, peer2);
        Ping p1 = (Ping) decode(out.drainFrom(n).takeNextTo(PEER));
        Ping p2 = (Ping) decode(out.takeNextTo(peer2));
        assertThat(p1.header().client()).isFalse();
        // A symmetric NAT: each peer sees another mapping.
        n.handleDatagram(10, PEER, encode(new Pong(new Header(p1.header().transactionId(), NodeId.random(random), false),
                new InetSocketAddress("192.0.2.200", 50001))));
        n.handleDatagram(10, peer2, encode(new Pong(new Header(p2.header().transactionId(), NodeId.random(random), false),
                new InetSocketAddress("192.0.2.200", 50002))));
        assertThat(n.status().reachability()).isEqualTo(io.peerdial.overlay.nat.Reachability.SYMMETRIC);
        assertThat(n.status().client()).isTrue();
        out.drainFrom(n).clearPending(); // the Pongs' senders were challenged for their keys
        n.ping(20, PEER);
        Ping after = (Ping) decode(out.drainFrom(n).takeNextTo(PEER));
        assertThat(after.header().client()).as("peers are told to keep it out of their tables").isTrue();
        // Later a peer sees the bound address itself: public after all.
        n.handleDatagram(30, PEER, encode(new Pong(new Header(after.header().transactionId(), NodeId.random(random), false), ME)));
        assertThat(n.status().client()).isFalse();
    }

    @Test
    void aLookupAlsoReadsWhatTheAskingNodeHoldsItself() {
        InMemoryNetwork net = InMemoryNetwork.builder().seed(8).latency(LatencyModel.constant(5)).build();
        OverlayHarness o = new OverlayHarness(net, OverlayConfig.defaults());
        o.growTo(2, 100);
        net.runFor(2_000);
        var a = o.nodes.get(0);
        var b = o.nodes.get(1);
        NodeId key = NodeId.random(o.random);
        net.call(b, (core, now) -> core.store(now, key, new byte[] {7})); // in a two-node overlay it lands on a
        assertThat(net.runFor(() -> !b.events(OverlayEvent.StoreCompleted.class).isEmpty(), 10_000)).isTrue();
        assertThat(a.core().status().storedValues()).isEqualTo(1);
        net.call(a, (core, now) -> core.findValue(now, key));
        assertThat(net.runFor(() -> !a.events(OverlayEvent.ValuesFound.class).isEmpty(), 10_000)).isTrue();
        assertThat(a.events(OverlayEvent.ValuesFound.class).get(0).values()).singleElement().isEqualTo(new byte[] {7});
    }
}
