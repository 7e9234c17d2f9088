package io.peerdial.p2p.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.testkit.InMemoryNetwork;
import io.peerdial.testkit.NodeHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Flow control, half-close, reset, keep-alive and idle timeout, foreign datagrams; 20 ms one way. */
class StreamBehaviourTest {

    private InMemoryNetwork net;
    private InetSocketAddress a;
    private InetSocketAddress b;
    private NodeHandle<StreamPeer, StreamEvent> alice;
    private NodeHandle<StreamPeer, StreamEvent> bob;

    private void connect(StreamConfig config) {
        net = new InMemoryNetwork(5);
        a = net.nextAddress();
        b = net.nextAddress();
        alice = net.add(a, new StreamPeer(config, 1, b));
        bob = net.add(b, new StreamPeer(config, 1, a));
    }

    @BeforeEach
    void defaults() {
        connect(StreamConfig.defaults());
    }

    @Test
    void slowReaderNeverMakesTheSenderExceedTheWindow() {
        int window = 64 * 1024;
        connect(StreamConfig.defaults().withBuffers(256 * 1024, window));
        AtomicLong advertised = new AtomicLong(window);
        AtomicLong highestSent = new AtomicLong();
        AtomicLong violations = new AtomicLong();
        net.setInterceptor((now, from, to, payload) -> {
            try {
                Segment s = SegmentCodec.decode(payload);
                if (from.equals(b) && !(s instanceof Segment.Reset)) {
                    AckInfo ack = s instanceof Segment.Ack k ? k.ack() : s instanceof Segment.Ping p ? p.ack()
                            : s instanceof Segment.Fin f ? f.ack() : ((Segment.Data) s).ack();
                    advertised.accumulateAndGet(ack.limit(), Math::max);
                } else if (s instanceof Segment.Data d) {
                    highestSent.accumulateAndGet(d.offset() + d.length(), Math::max);
                    if (d.offset() + d.length() > advertised.get()) {
                        violations.incrementAndGet();
                    }
                }
            } catch (StreamFormatException e) {
                throw new AssertionError(e);
            }
            return payload;
        });
        bob.core().autoRead(false);
        byte[] data = random(1024 * 1024);
        net.invoke(alice, (core, now) -> core.send(now, data, true));
        // bob reads 2 KB every 50 ms: 40 KB/s, far below what the path carries
        for (long t = 50; t <= 40_000; t += 50) {
            net.schedule(t, () -> net.invoke(bob, (core, now) -> core.readSome(now, 2048)));
        }
        net.runUntil(5_000);
        assertThat(highestSent.get()).as("the sender is held back by the window").isLessThanOrEqualTo(
                bob.core().received().length + (long) window);
        net.runUntil(40_000);

        assertThat(violations.get()).isZero();
        assertThat(bob.core().received()).isEqualTo(data);
        assertThat(bob.core().connection.stats().protocolErrors()).isZero();
    }

    @Test
    void lostWindowUpdateIsRecoveredByAZeroWindowProbe() {
        connect(StreamConfig.defaults().withBuffers(64 * 1024, 16 * 1024));
        AtomicLong pingsFromAlice = new AtomicLong();
        boolean[] dropFromBob = {false};
        net.setInterceptor((now, from, to, payload) -> {
            if (from.equals(a) && payload[1] == 3) { // type PING
                pingsFromAlice.incrementAndGet();
            }
            return from.equals(b) && dropFromBob[0] ? null : payload;
        });
        bob.core().autoRead(false);
        byte[] data = random(100_000);
        net.invoke(alice, (core, now) -> core.send(now, data, true));
        net.runFor(2_000);
        assertThat(bob.core().connection.available()).isEqualTo(16 * 1024); // the window is full, alice waits

        dropFromBob[0] = true; // the window update that bob's read triggers is lost
        net.invoke(bob, (core, now) -> {
            core.autoRead(true);
            while (core.readSome(now, 64 * 1024) > 0) {
                // drain
            }
        });
        dropFromBob[0] = false;
        assertThat(net.runFor(() -> bob.core().endOfStream(), 5_000)).as("well before a keep-alive").isTrue();
        assertThat(pingsFromAlice.get()).as("zero-window probes").isPositive();
        assertThat(bob.core().received()).isEqualTo(data);
    }

    @Test
    void finInBothDirectionsAfterHalfClose() {
        byte[] request = "GET /file".getBytes(StandardCharsets.US_ASCII);
        byte[] response = random(200_000);
        net.invoke(alice, (core, now) -> core.send(now, request, true)); // alice half-closes at once
        assertThat(net.runFor(() -> bob.core().endOfStream(), 5_000)).isTrue();
        assertThat(bob.core().received()).isEqualTo(request);
        assertThat(alice.core().connection.state()).isEqualTo(StreamConnection.State.OPEN);

        net.invoke(bob, (core, now) -> core.send(now, response, true)); // bob still sends after alice's FIN
        assertThat(net.runFor(() -> alice.core().connection.state() == StreamConnection.State.CLOSED
                && bob.core().connection.state() == StreamConnection.State.CLOSED, 10_000)).isTrue();
        assertThat(alice.core().received()).isEqualTo(response);
        assertThat(alice.core().endOfStream()).isTrue();
        assertThat(alice.events(StreamEvent.Closed.class)).hasSize(1);
        assertThat(bob.events(StreamEvent.Closed.class)).hasSize(1);
        assertThatThrownBy(() -> alice.core().connection.write(ByteBuffer.allocate(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void abortSendsResetThatEndsThePeer() {
        net.invoke(alice, (core, now) -> core.send(now, random(500_000), false));
        net.runFor(100);
        net.invoke(alice, (core, now) -> core.connection.abort(42));
        assertThat(net.runFor(() -> !bob.events(StreamEvent.Reset.class).isEmpty(), 1_000)).isTrue();

        assertThat(bob.events(StreamEvent.Reset.class)).containsExactly(new StreamEvent.Reset(42));
        assertThat(bob.core().connection.state()).isEqualTo(StreamConnection.State.RESET);
        assertThat(bob.core().connection.read(ByteBuffer.allocate(10))).isEqualTo(-1);
        assertThat(bob.core().connection.write(ByteBuffer.allocate(10))).isEqualTo(-1);
        assertThat(alice.core().connection.state()).isEqualTo(StreamConnection.State.ABORTED);
        assertThat(alice.core().connection.pollTimeout()).isEqualTo(StreamConnection.NO_TIMEOUT);
    }

    @Test
    void keepAlivesHoldAnIdleConnectionOpen() {
        StreamConfig config = StreamConfig.defaults();
        net.runFor(3 * config.idleTimeoutMillis());
        assertThat(alice.events()).isEmpty();
        assertThat(bob.events()).isEmpty();
        assertThat(alice.core().connection.state()).isEqualTo(StreamConnection.State.OPEN);
        assertThat(alice.datagramsOut()).isPositive();
    }

    @Test
    void silentPeerFailsTheConnectionAfterTheIdleTimeout() {
        StreamConfig config = StreamConfig.defaults();
        net.invoke(alice, (core, now) -> core.send(now, random(10_000), false));
        net.runFor(1_000);
        net.kill(bob);
        long killedAt = net.now();
        assertThat(net.runFor(() -> !alice.events(StreamEvent.Failed.class).isEmpty(), 2 * config.idleTimeoutMillis()))
                .isTrue();
        assertThat(alice.events(StreamEvent.Failed.class))
                .containsExactly(new StreamEvent.Failed(StreamEvent.FailureReason.IDLE_TIMEOUT));
        assertThat(net.now() - killedAt).isLessThanOrEqualTo(config.idleTimeoutMillis());
        assertThat(alice.core().connection.state()).isEqualTo(StreamConnection.State.FAILED);
        assertThat(alice.core().connection.pollTimeout()).isEqualTo(StreamConnection.NO_TIMEOUT);
    }

    @Test
    void garbageAndForeignDatagramsAreCountedAndDropped() {
        StreamConnection c = new StreamConnection(StreamConfig.defaults(), 1, 0);
        c.handleDatagram(1, new byte[] {1, 2, 3});
        byte[] valid = SegmentCodec.encode(new Segment.Data(1, new AckInfo(0, 1 << 20), 0, new byte[] {9}));
        byte[] flipped = valid.clone();
        flipped[30] ^= 0x40;
        c.handleDatagram(2, flipped);
        c.handleDatagram(3, SegmentCodec.encode(new Segment.Data(2, new AckInfo(0, 1 << 20), 0, new byte[] {9})));
        c.handleDatagram(4, SegmentCodec.encode(new Segment.Ack(1, new AckInfo(500, 1 << 20)))); // acks unsent data
        c.handleDatagram(5, SegmentCodec.encode(new Segment.Data(1, new AckInfo(0, 1 << 20), 1 << 20, new byte[] {9})));

        StreamStats s = c.stats();
        assertThat(s.datagramsIn()).isEqualTo(5);
        assertThat(s.malformed()).isEqualTo(2);
        assertThat(s.foreign()).isEqualTo(1);
        assertThat(s.protocolErrors()).isEqualTo(2);
        assertThat(c.available()).isZero();
        assertThat(c.pollEvent()).isNull();

        c.handleDatagram(6, valid);
        assertThat(c.pollEvent()).isEqualTo(StreamEvent.READABLE);
        assertThat(c.available()).isEqualTo(1);
    }

    private static byte[] random(int n) {
        byte[] data = new byte[n];
        new SplittableRandom(n).nextBytes(data);
        return Arrays.copyOf(data, n);
    }
}
