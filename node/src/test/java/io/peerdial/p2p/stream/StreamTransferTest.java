package io.peerdial.p2p.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.testkit.InMemoryNetwork;
import io.peerdial.testkit.LatencyModel;
import io.peerdial.testkit.LossModel;
import io.peerdial.testkit.NodeHandle;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bulk transfers through the deterministic in-memory network: loss, reordering, duplication, corruption. */
class StreamTransferTest {

    private static final int TEN_MB = 10 * 1024 * 1024;

    @ParameterizedTest(name = "loss {0}, jitter {1} ms, duplication {2}, corruption {3}")
    @CsvSource({
        "0.00, 0, 0.00, 0.00",
        "0.01, 0, 0.00, 0.00",
        "0.05, 0, 0.00, 0.00",
        "0.00, 20, 0.02, 0.00",
        "0.01, 20, 0.02, 0.00",
        "0.05, 20, 0.02, 0.00",
        "0.00, 10, 0.00, 0.03",
    })
    void tenMegabytesArriveIntact(double loss, int jitter, double duplication, double corruption) {
        InMemoryNetwork net = InMemoryNetwork.builder().seed(7)
                .latency(jitter == 0 ? LatencyModel.constant(20) : LatencyModel.uniform(20, 20 + jitter))
                .loss(LossModel.independent(loss)).build();
        InetSocketAddress a = net.nextAddress();
        InetSocketAddress b = net.nextAddress();
        StreamConfig config = StreamConfig.defaults();
        NodeHandle<StreamPeer, StreamEvent> sender = net.add(a, new StreamPeer(config, 99, b));
        NodeHandle<StreamPeer, StreamEvent> receiver = net.add(b, new StreamPeer(config, 99, a));
        SplittableRandom random = new SplittableRandom(11);
        AtomicLong corruptedToReceiver = new AtomicLong();
        net.setInterceptor((now, from, to, payload) -> {
            if (random.nextDouble() < duplication) {
                byte[] copy = payload.clone();
                NodeHandle<StreamPeer, StreamEvent> target = to.equals(b) ? receiver : sender;
                net.schedule(now + 5 + random.nextInt(30), () -> {
                    target.core().handleDatagram(net.now(), from, copy);
                    net.sync(target);
                });
            }
            if (random.nextDouble() < corruption) {
                payload[random.nextInt(payload.length)] ^= (byte) (1 + random.nextInt(255));
                if (to.equals(b)) {
                    corruptedToReceiver.incrementAndGet();
                }
            }
            return payload;
        });
        byte[] data = new byte[TEN_MB];
        new SplittableRandom(3).nextBytes(data);

        net.invoke(sender, (core, now) -> core.send(now, data, true));
        net.invoke(receiver, (core, now) -> core.send(now, new byte[0], true));
        boolean done = net.runFor(() -> sender.core().connection.state() == StreamConnection.State.CLOSED
                && receiver.core().connection.state() == StreamConnection.State.CLOSED, 600_000);

        assertThat(done).as("both ends closed; sender %s, receiver %s", sender.core().connection.stats(),
                receiver.core().connection.stats()).isTrue();
        assertThat(receiver.core().endOfStream()).isTrue();
        byte[] got = receiver.core().received();
        assertThat(got.length).isEqualTo(data.length);
        assertThat(Arrays.equals(got, data)).as("content intact").isTrue();
        assertThat(sender.events(StreamEvent.Closed.class)).hasSize(1);
        assertThat(receiver.events(StreamEvent.Closed.class)).hasSize(1);
        StreamStats s = sender.core().connection.stats();
        if (loss > 0) {
            assertThat(s.retransmissions()).isPositive();
        }
        assertThat(receiver.core().connection.stats().malformed()).isEqualTo(corruptedToReceiver.get());
        assertThat(receiver.core().connection.stats().protocolErrors()).isZero();
    }
}
