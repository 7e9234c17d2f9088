package io.peerdial.node.media.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.media.ice.CandidateKind;
import io.peerdial.node.media.ice.IceConfig;
import io.peerdial.node.media.ice.SelectedPair;
import io.peerdial.node.media.ice.TurnServer;
import io.peerdial.node.media.sdp.SdpParser;
import io.peerdial.node.sip.transport.MediaAnchor;
import io.peerdial.node.sip.transport.MediaAnchor.Carrier;
import io.peerdial.node.sip.transport.Side;
import io.peerdial.relay.runtime.TurnRelayRuntime;
import io.peerdial.relay.server.Credentials;
import io.peerdial.relay.server.PeerAddressPolicy;
import io.peerdial.relay.server.TurnConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/MEDIA.md "Relay failover", on 127.0.0.1: two anchors (nodes A and B) carry a call between two
 * phones that send RTP every 20 ms; A is relay-only through TURN relay 1, with relay 2 as its second
 * choice. Relay 1 dies mid-call: A's watchdog sees nothing from B while its phone keeps sending,
 * restarts ICE through relay 2 and asks B with the restart body (the node-to-node request's payload;
 * here handed straight to B's anchor, as B's SIP service does); media flows again both ways, the gap
 * at B's phone under 3 s.
 */
class RelayFailoverLoopbackTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String CALL = "failover-call@127.0.0.1";

    private TurnRelayRuntime relay1;
    private TurnRelayRuntime relay2;
    private NodeMediaAnchor a;
    private NodeMediaAnchor b;
    private Phone phoneA;
    private Phone phoneB;
    private final ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);

    @AfterEach
    void close() {
        senders.shutdownNow();
        for (AutoCloseable c : new AutoCloseable[] {phoneA, phoneB, a == null ? null : a::close, b == null ? null : b::close, relay1, relay2}) {
            try {
                if (c != null) c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private static TurnRelayRuntime relay(int min, int max, String user, String pwd) throws IOException {
        TurnConfig config = TurnConfig.defaults("peerdial.test").withPeerPolicy(new PeerAddressPolicy(true, false));
        return TurnRelayRuntime.start(new TurnRelayRuntime.Settings(new InetSocketAddress(LOOPBACK, 0), LOOPBACK, min, max,
                config, Credentials.of(Map.of(user, pwd))));
    }

    @Test
    void whenTheRelayDiesMidCallTheAnchorsRestartIceThroughTheSecondRelayWithin3Seconds() throws Exception {
        relay1 = relay(54000, 54999, "alice", "one");
        relay2 = relay(55000, 55999, "alice", "two");
        TurnServer first = new TurnServer(relay1.listenAddress(), "alice", "one");
        TurnServer second = new TurnServer(relay2.listenAddress(), "alice", "two");
        IceConfig relayOnly = IceConfig.loopbackOnly().withRelayOnly(true).withTurnServers(List.of(first));
        a = new NodeMediaAnchor(LOOPBACK, () -> relayOnly, 10);
        b = new NodeMediaAnchor(LOOPBACK, IceConfig::loopbackOnly, 10);
        AtomicInteger failedRelays = new AtomicInteger();
        a.relayFailover(new RelayFailover(() -> List.of(first), () -> List.of(second), dead -> failedRelays.incrementAndGet()));
        AtomicInteger restartRequests = new AtomicInteger();
        a.iceRestarts((callId, body) -> CompletableFuture.supplyAsync(() -> { // what A's and B's SIP services do
            restartRequests.incrementAndGet();
            try {
                return b.restartOffered(body).orElseThrow(() -> new IllegalStateException("481"));
            } catch (MediaAnchor.Refused e) {
                throw new IllegalStateException("403 " + e.getMessage());
            }
        }));
        b.iceRestarts((callId, body) -> CompletableFuture.failedFuture(new IllegalStateException("B has no relay to fail")));

        phoneA = new Phone();
        phoneB = new Phone();
        byte[] offerToB = a.rewrite(CALL, Side.PHONE, Side.PEER, Carrier.REQUEST, phoneA.sdp());
        byte[] offerToPhoneB = b.rewrite(CALL, Side.PEER, Side.PHONE, Carrier.REQUEST, offerToB);
        byte[] answerToA = b.rewrite(CALL, Side.PHONE, Side.PEER, Carrier.RESPONSE, phoneB.sdp());
        byte[] answerToPhoneA = a.rewrite(CALL, Side.PEER, Side.PHONE, Carrier.RESPONSE, answerToA);
        phoneA.sendTo(port(answerToPhoneA), senders);
        phoneB.sendTo(port(offerToPhoneB), senders);

        SelectedPair before = waitForPair(a, 0);
        assertThat(before.localType()).isEqualTo(CandidateKind.RELAY);
        assertThat(before.local().getPort()).isBetween(54000, 54999);
        assertThat(phoneB.waitForPacketAfter(System.nanoTime(), 10_000)).isTrue();
        assertThat(phoneA.waitForPacketAfter(System.nanoTime(), 10_000)).isTrue();

        relay1.close(); // the relay super-node dies mid-call
        long killed = System.nanoTime();
        Thread.sleep(300); // let datagrams already in flight land
        long lastBefore = phoneB.lastArrival();

        assertThat(phoneB.waitForPacketAfter(killed + TimeUnit.MILLISECONDS.toNanos(300), 10_000)).isTrue();
        long resumed = phoneB.firstArrivalAfter(killed + TimeUnit.MILLISECONDS.toNanos(300));
        long gapMs = TimeUnit.NANOSECONDS.toMillis(resumed - lastBefore);
        SelectedPair after = waitForPair(a, 1);
        assertThat(after.localType()).isEqualTo(CandidateKind.RELAY);
        assertThat(after.local().getPort()).isBetween(55000, 55999); // through relay 2
        assertThat(gapMs).as("media gap at B's phone").isLessThan(3_000);
        assertThat(phoneA.waitForPacketAfter(System.nanoTime(), 5_000)).isTrue(); // and back
        assertThat(restartRequests.get()).isEqualTo(1); // B did not restart on its own: only the RELAY side does
        assertThat(failedRelays.get()).isEqualTo(1);
    }

    private static SelectedPair waitForPair(NodeMediaAnchor anchor, int generation) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            var p = anchor.pair(CALL);
            if (p.isPresent() && p.get().generation() == generation) return p.get();
            Thread.sleep(20);
        }
        throw new AssertionError("no ICE pair of generation " + generation);
    }

    private static int port(byte[] sdp) throws Exception {
        return SdpParser.parse(sdp).media().get(0).port();
    }

    /** A phone on loopback: one RTP socket, sends a PCMU-sized RTP packet every 20 ms, records arrival times. */
    private static final class Phone implements AutoCloseable {
        final DatagramChannel socket = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
        final Thread reader;

        Phone() throws IOException {
            reader = new Thread(() -> {
                ByteBuffer buf = ByteBuffer.allocate(2048);
                while (socket.isOpen()) {
                    try {
                        buf.clear();
                        socket.receive(buf);
                        arrivals.add(System.nanoTime());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "test-phone");
            reader.setDaemon(true);
            reader.start();
        }

        byte[] sdp() {
            int port = socket.socket().getLocalPort();
            return ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port
                    + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        void sendTo(int port, ScheduledExecutorService timer) {
            InetSocketAddress to = new InetSocketAddress(LOOPBACK, port);
            AtomicInteger seq = new AtomicInteger();
            timer.scheduleAtFixedRate(() -> {
                ByteBuffer rtp = ByteBuffer.allocate(172);
                int s = seq.getAndIncrement();
                rtp.put((byte) 0x80).put((byte) 0).putShort((short) s).putInt(s * 160).putInt(0x1234abcd);
                rtp.position(172).flip();
                try {
                    socket.send(rtp, to);
                } catch (IOException ignored) {
                    // closed at the end
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
        }

        long lastArrival() {
            long last = 0;
            for (long t : arrivals) last = Math.max(last, t);
            return last;
        }

        long firstArrivalAfter(long t) {
            return arrivals.stream().filter(x -> x > t).min(Long::compare).orElseThrow();
        }

        boolean waitForPacketAfter(long t, long timeoutMs) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (System.nanoTime() < deadline) {
                if (arrivals.stream().anyMatch(x -> x > t)) return true;
                Thread.sleep(10);
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
