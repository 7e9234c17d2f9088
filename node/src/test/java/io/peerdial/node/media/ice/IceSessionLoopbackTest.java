package io.peerdial.node.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.node.media.ice.IceSession.Role;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real ICE checks between two sessions on 127.0.0.1 only (works on a machine whose only interface
 * is lo): host/host pair, datagrams both ways, ICE restart, failure when the peer is silent.
 * Times are logged for the report, never asserted.
 */
class IceSessionLoopbackTest {

    private static final Logger log = LoggerFactory.getLogger(IceSessionLoopbackTest.class);
    private static final int WAIT_S = 15;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final BlockingQueue<String> atA = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> atB = new LinkedBlockingQueue<>();
    private final RecordingListener listenerA = new RecordingListener();
    private IceSession a;
    private IceSession b;

    @AfterEach
    void close() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void completesOnAHostPairAndCarriesDatagramsBothWays() throws Exception {
        createPair();
        assertThat(a.localDescription().candidates()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.address()).isEqualTo("127.0.0.1");
            assertThat(c.type()).isEqualTo(CandidateKind.HOST);
        });
        exchangeAndStart();
        SelectedPair pa = a.completion().get(WAIT_S, TimeUnit.SECONDS);
        SelectedPair pb = b.completion().get(WAIT_S, TimeUnit.SECONDS);
        log.info("ICE start->COMPLETED: controlling {} ms, controlled {} ms", pa.startToCompleted().toMillis(),
                pb.startToCompleted().toMillis());
        assertThat(pa.localType()).isEqualTo(CandidateKind.HOST);
        assertThat(pa.remoteType()).isEqualTo(CandidateKind.HOST);
        assertThat(pa.local().getAddress()).isEqualTo(LOOPBACK);
        assertThat(pa.remote()).isEqualTo(pb.local());
        assertThat(pb.remote()).isEqualTo(pa.local());
        assertThat(listenerA.completed).isEqualTo(pa);

        exchangeDatagrams(100, "g0");
        log.info("threads with two completed sessions: {}", Thread.activeCount());
    }

    @Test
    void iceRestartCompletesAgainWithNewCredentials() throws Exception {
        createPair();
        IceDescription firstA = a.localDescription();
        exchangeAndStart();
        SelectedPair first = a.completion().get(WAIT_S, TimeUnit.SECONDS);
        b.completion().get(WAIT_S, TimeUnit.SECONDS);

        IceDescription restartA = a.restart(); // re-INVITE offer
        IceDescription restartB = b.restart(); // its answer
        assertThat(restartA.ufrag()).isNotEqualTo(firstA.ufrag());
        assertThat(restartA.pwd()).isNotEqualTo(firstA.pwd());
        exchangeDatagrams(5, "during-restart"); // RFC 8445 §9: media stays on the old pair meanwhile
        b.start(viaSdp(restartA));
        a.start(viaSdp(restartB));
        SelectedPair second = a.completion().get(WAIT_S, TimeUnit.SECONDS);
        b.completion().get(WAIT_S, TimeUnit.SECONDS);
        log.info("ICE restart start->COMPLETED: {} ms", second.startToCompleted().toMillis());
        assertThat(second.generation()).isEqualTo(1);
        assertThat(second.local()).isNotEqualTo(first.local()); // re-gathered: a new socket
        exchangeDatagrams(20, "g1");
    }

    @Test
    void failsWithinTheBoundWhenThePeerNeverAnswers() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            a = IceSession.create(Role.CONTROLLING, IceConfig.loopbackOnly().withFailAfter(Duration.ofSeconds(2)),
                    listenerA, (d, o, l) -> { });
            IceDescription peer = new IceDescription("peer", "0123456789abcdefghijkl", List.of(
                    new IceCandidateAttribute("1", 1, "UDP", 2130706431L, "127.0.0.1", silent.getLocalPort(), CandidateKind.HOST)),
                    true);
            a.start(peer);
            assertThatThrownBy(() -> a.completion().get(WAIT_S, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(IceFailedException.class,
                            e -> assertThat(e.reason()).isIn(IceFailedException.Reason.TIMEOUT,
                                    IceFailedException.Reason.CHECKS_FAILED));
            assertThat(listenerA.failure).isNotNull();
            assertThatThrownBy(() -> a.send(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closeLeavesNoReceiveThreadBehind() throws Exception {
        createPair();
        exchangeAndStart();
        a.completion().get(WAIT_S, TimeUnit.SECONDS);
        b.completion().get(WAIT_S, TimeUnit.SECONDS);
        exchangeDatagrams(1, "x");
        Set<String> during = iceThreads();
        assertThat(during).anyMatch(n -> n.startsWith("ice-rx-"));
        a.close();
        b.close();
        assertThat(iceThreads()).noneMatch(n -> n.startsWith("ice-rx-"));
        assertThatThrownBy(() -> a.localDescription()).isInstanceOf(IllegalStateException.class);
        log.info("threads while two sessions ran: {}", during);
    }

    @Test
    void loopbackCandidatesOnlyForALoopbackNode() throws Exception {
        assertThat(IceConfig.forNodeAddress(LOOPBACK).loopback()).isTrue();
        assertThat(IceConfig.forNodeAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 1})).loopback()).isFalse();
        assertThat(IceConfig.defaults().loopback()).isFalse();
    }

    private void createPair() throws Exception {
        long t0 = System.nanoTime();
        a = IceSession.create(Role.CONTROLLING, IceConfig.loopbackOnly(), listenerA, collect(atA));
        long t1 = System.nanoTime();
        b = IceSession.create(Role.CONTROLLED, IceConfig.loopbackOnly(), new RecordingListener(), collect(atB));
        log.info("session create (gathering): first {} ms, second {} ms", (t1 - t0) / 1_000_000,
                (System.nanoTime() - t1) / 1_000_000);
    }

    private void exchangeAndStart() throws Exception {
        IceDescription da = viaSdp(a.localDescription());
        IceDescription db = viaSdp(b.localDescription());
        b.start(da);
        a.start(db);
    }

    /** As the descriptions would travel: encoded to SDP attributes and decoded by the peer. */
    private static IceDescription viaSdp(IceDescription d) throws IceAttributeException {
        return IceSdpAttributes.decode(IceSdpAttributes.encode(d));
    }

    private void exchangeDatagrams(int n, String tag) throws Exception {
        for (int i = 0; i < n; i++) {
            byte[] ab = (tag + " a->b " + i).getBytes(StandardCharsets.US_ASCII);
            byte[] ba = (tag + " b->a " + i).getBytes(StandardCharsets.US_ASCII);
            a.send(ab, 0, ab.length);
            b.send(ba, 0, ba.length);
        }
        assertThat(receive(atB, n, tag)).hasSize(n).allMatch(s -> s.startsWith(tag + " a->b "));
        assertThat(receive(atA, n, tag)).hasSize(n).allMatch(s -> s.startsWith(tag + " b->a "));
    }

    private static Set<String> receive(BlockingQueue<String> q, int n, String tag) throws InterruptedException {
        Set<String> got = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (got.size() < n && System.nanoTime() < deadline) {
            String s = q.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && s.startsWith(tag + " ")) {
                got.add(s);
            }
        }
        return got;
    }

    private static IceSession.DatagramHandler collect(BlockingQueue<String> q) {
        return (data, off, len) -> q.add(new String(data, off, len, StandardCharsets.US_ASCII));
    }

    private static Set<String> iceThreads() {
        Set<String> names = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                names.add(t.getName());
            }
        }
        return names;
    }

    private static final class RecordingListener implements IceSession.Listener {
        volatile SelectedPair completed;
        volatile IceFailedException failure;

        @Override
        public void completed(SelectedPair pair) {
            completed = pair;
        }

        @Override
        public void failed(IceFailedException f) {
            failure = f;
        }
    }
}
