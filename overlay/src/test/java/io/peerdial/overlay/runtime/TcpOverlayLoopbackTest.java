package io.peerdial.overlay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayConfig;
import io.peerdial.overlay.kademlia.OverlayEvent.LookupCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.StoreCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.ValuesFound;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.kademlia.OverlayStatus;
import io.peerdial.overlay.nat.Reachability;
import io.peerdial.overlay.storage.InMemoryStoragePolicy;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.overlay.wire.Header;
import io.peerdial.overlay.wire.Message;
import io.peerdial.overlay.wire.MessageCodec;
import io.peerdial.overlay.wire.Ping;
import io.peerdial.overlay.wire.Pong;
import io.peerdial.overlay.wire.StreamFrames;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/PROTOCOL.md "Datagrams over TCP", real sockets on 127.0.0.1: a small overlay over UDP, and
 * a node in TCP mode (its UDP blocked) that joins through it, publishes, is looked up and looks up.
 * Also raw TCP peers: a framed PING is answered over the same connection; a bad length closes it.
 */
class TcpOverlayLoopbackTest {

    private static final int UDP_NODES = 6;
    private static final long WAIT_S = 20;
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final SplittableRandom random = new SplittableRandom(61_121);
    private final List<OverlayRuntime> nodes = new ArrayList<>();

    @BeforeEach
    void udpOverlay() throws Exception {
        for (int i = 0; i < UDP_NODES; i++) {
            nodes.add(start(OverlayConfig.defaults()));
            nodes.get(i).join(i == 0 ? List.of() : List.of(nodes.get(i - 1).localAddress())).get(WAIT_S, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void close() {
        nodes.forEach(OverlayRuntime::close);
    }

    @Test
    void aNodeOverTcpJoinsPublishesIsFoundAndFinds() throws Exception {
        OverlayRuntime tcp = start(OverlayConfig.defaults().withAutoClient(true));
        nodes.add(tcp);
        tcp.useTcp(true).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(tcp.usesTcp()).isTrue();
        tcp.join(List.of(nodes.get(0).localAddress())).get(WAIT_S, TimeUnit.SECONDS);
        awaitContacts(tcp, UDP_NODES);

        OverlayStatus status = tcp.status().get(WAIT_S, TimeUnit.SECONDS);
        assertThat(status.reachability()).as("answers over TCP do not make it PUBLIC").isEqualTo(Reachability.UDP_BLOCKED);
        assertThat(status.client()).isTrue();

        NodeId mine = NodeId.random(random);
        byte[] value = "sip:carol@example.org -> rendezvous".getBytes(StandardCharsets.UTF_8);
        StoreCompleted stored = tcp.store(mine, value).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(stored.storedCount()).isEqualTo(UDP_NODES); // k = 20 > nodes: every UDP node holds it
        ValuesFound found = nodes.get(2).findValue(mine).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(found.values()).isNotEmpty().allSatisfy(v -> assertThat(v).isEqualTo(value)); // one copy per holder

        NodeId theirs = NodeId.random(random);
        byte[] other = "sip:dave@example.org -> 127.0.0.1".getBytes(StandardCharsets.UTF_8);
        assertThat(nodes.get(4).store(theirs, other).get(WAIT_S, TimeUnit.SECONDS).storedCount()).isGreaterThan(0);
        assertThat(tcp.findValue(theirs).get(WAIT_S, TimeUnit.SECONDS).values()).isNotEmpty()
                .allSatisfy(v -> assertThat(v).isEqualTo(other));

        // A DHT client: nobody put it in a routing table, so nobody returns it.
        LookupCompleted lookup = nodes.get(3).findNode(tcp.nodeId()).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(lookup.closest()).extracting(Contact::id).doesNotContain(tcp.nodeId()).isNotEmpty();

        RuntimeStats stats = tcp.runtimeStats();
        assertThat(stats.tcpFramesOut()).as("every datagram left over TCP").isEqualTo(stats.datagramsOut()).isPositive();
        assertThat(stats.tcpFramesIn()).isEqualTo(stats.datagramsIn()).isPositive();
        assertThat(stats.tcpConnections()).isBetween(1L, (long) UDP_NODES);
        long servedOverTcp = nodes.subList(0, UDP_NODES).stream().mapToLong(n -> n.runtimeStats().tcpFramesOut()).sum();
        assertThat(servedOverTcp).as("the UDP nodes answered over the TCP connections").isPositive();
    }

    @Test
    void aFramedPingIsAnsweredOverTheSameConnection() throws Exception {
        OverlayRuntime node = nodes.get(0);
        try (Socket s = new Socket(node.localAddress().getAddress(), node.localAddress().getPort())) {
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_S));
            long tid = 0x5eedL;
            byte[] ping = MessageCodec.encode(new Ping(new Header(tid, NodeId.random(random), true)));
            OutputStream out = s.getOutputStream();
            byte[] frame = StreamFrames.frame(ping);
            out.write(frame, 0, 3); // split across writes: the reader reassembles
            out.flush();
            out.write(frame, 3, frame.length - 3);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] answer = new byte[in.readUnsignedShort()];
            in.readFully(answer);
            Message m = MessageCodec.decode(answer);
            assertThat(m).isInstanceOfSatisfying(Pong.class, p -> {
                assertThat(p.header().transactionId()).isEqualTo(tid);
                assertThat(p.observed()).isEqualTo(s.getLocalSocketAddress());
            });
        }
        assertThat(node.runtimeStats().tcpFramesIn()).isEqualTo(1);
    }

    @Test
    void aBadLengthClosesTheConnectionAndIsCounted() throws Exception {
        OverlayRuntime node = nodes.get(0);
        for (byte[] bad : List.of(new byte[] {0, 0}, new byte[] {(byte) 0xff, (byte) 0xff})) {
            try (Socket s = new Socket(node.localAddress().getAddress(), node.localAddress().getPort())) {
                s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_S));
                s.getOutputStream().write(bad);
                s.getOutputStream().flush();
                InputStream in = s.getInputStream();
                assertThat(in.read()).as("closed by the node").isEqualTo(-1);
            }
        }
        assertThat(node.runtimeStats().tcpBadFrames()).isEqualTo(2);
        assertThat(node.runtimeStats().coreErrors()).isZero();
        assertThat(node.status().get(WAIT_S, TimeUnit.SECONDS).contacts()).isPositive(); // still serving
    }

    private OverlayRuntime start(OverlayConfig config) throws Exception {
        NodeKeyPair identity = NodeKeyPair.generate(random.split());
        SplittableRandom nodeRandom = random.split();
        return OverlayRuntime.start(ANY_LOOPBACK_PORT, local -> new OverlayNode(config, identity, new InMemoryStoragePolicy(), nodeRandom),
                e -> {});
    }

    /** Polls (bounded): the table fills as identity proofs finish after the join's lookup. */
    private static void awaitContacts(OverlayRuntime node, int atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            if (node.status().get(WAIT_S, TimeUnit.SECONDS).contacts() >= atLeast) return;
            Thread.sleep(50);
        }
        throw new AssertionError("no " + atLeast + " contacts within " + WAIT_S + " s: " + node.status().get());
    }
}
