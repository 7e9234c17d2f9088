package io.peerdial.testkit.fakes;

import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Every {@code period} ms sends a counter to a peer picked with its injected generator, and replies to
 * what it receives with probability 1/2: random, timer-driven traffic for determinism and scale tests.
 * Events are the counters received.
 */
public final class GossipCore implements DatagramProtocol<Long> {

    private final List<InetSocketAddress> peers;
    private final RandomGenerator random;
    private final long period;
    private final ArrayDeque<Transmit> out = new ArrayDeque<>();
    private final ArrayDeque<Long> events = new ArrayDeque<>();
    private long nextTick;
    private long counter;

    public GossipCore(List<InetSocketAddress> peers, RandomGenerator random, long start, long period) {
        this.peers = peers;
        this.random = random;
        this.period = period;
        this.nextTick = start + random.nextLong(period);
    }

    @Override
    public void handleTimeout(long now) {
        if (now >= nextTick) {
            send(peers.get(random.nextInt(peers.size())));
            nextTick = now + period;
        }
    }

    @Override
    public void handleDatagram(long now, InetSocketAddress from, byte[] bytes) {
        events.add(ByteBuffer.wrap(bytes).getLong());
        if (random.nextBoolean()) {
            send(from);
        }
    }

    private void send(InetSocketAddress to) {
        out.add(new Transmit(to, ByteBuffer.allocate(8).putLong(counter++).array()));
    }

    @Override
    public Transmit pollTransmit() {
        return out.poll();
    }

    @Override
    public long pollTimeout() {
        return nextTick;
    }

    @Override
    public Long pollEvent() {
        return events.poll();
    }
}
