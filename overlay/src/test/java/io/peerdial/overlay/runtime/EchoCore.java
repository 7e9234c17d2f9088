package io.peerdial.overlay.runtime;

import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A fake core for the runtime tests: echoes every datagram to its sender and reports it as an
 * event; throws on a datagram reading "boom" and answers "oversize" with a 70,000-byte datagram (core bugs); fires a timer armed with {@link #armTimer}.
 */
final class EchoCore implements DatagramProtocol<String> {

    private final ArrayDeque<Transmit> transmits = new ArrayDeque<>();
    private final ArrayDeque<String> events = new ArrayDeque<>();
    private long timerAt = NO_TIMEOUT;
    private boolean throwOnTimeout;

    void armTimer(long at) {
        timerAt = at;
    }

    /** The next timer fires by throwing (once), then keeps its deadline so the runtime must not spin. */
    void armFailingTimer(long at) {
        timerAt = at;
        throwOnTimeout = true;
    }

    @Override
    public void handleDatagram(long now, InetSocketAddress from, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.equals("boom")) throw new IllegalStateException("fake core bug");
        if (text.equals("oversize")) { // a core bug: more than any UDP datagram can carry
            transmits.add(new Transmit(from, new byte[70_000]));
            return;
        }
        transmits.add(new Transmit(from, bytes));
        events.add("received:" + text);
    }

    @Override
    public void handleTimeout(long now) {
        if (now < timerAt) return;
        if (throwOnTimeout) {
            throwOnTimeout = false;
            throw new IllegalStateException("fake timer bug");
        }
        events.add("timer:" + timerAt + ":" + now);
        timerAt = NO_TIMEOUT;
    }

    @Override
    public Transmit pollTransmit() {
        return transmits.poll();
    }

    @Override
    public long pollTimeout() {
        return timerAt;
    }

    @Override
    public String pollEvent() {
        return events.poll();
    }
}
