package io.peerdial.testkit.fakes;

import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.TreeMap;

/** Arms named one-shot timers; reports each as {@link Fired} when handleTimeout sees it due. */
public final class TimerCore implements DatagramProtocol<TimerCore.Fired> {

    /** Timer {@code name}, due at {@code deadline}, fired at {@code at}. */
    public record Fired(String name, long deadline, long at) {
    }

    private final TreeMap<Long, String> deadlines = new TreeMap<>();
    private final ArrayDeque<Fired> events = new ArrayDeque<>();
    private int timeoutCalls;

    public void arm(long deadline, String name) {
        deadlines.put(deadline, name);
    }

    public void cancel(long deadline) {
        deadlines.remove(deadline);
    }

    public int timeoutCalls() {
        return timeoutCalls;
    }

    @Override
    public void handleTimeout(long now) {
        timeoutCalls++;
        while (!deadlines.isEmpty() && deadlines.firstKey() <= now) {
            var due = deadlines.pollFirstEntry();
            events.add(new Fired(due.getValue(), due.getKey(), now));
        }
    }

    @Override
    public long pollTimeout() {
        return deadlines.isEmpty() ? NO_TIMEOUT : deadlines.firstKey();
    }

    @Override
    public void handleDatagram(long now, InetSocketAddress from, byte[] bytes) {
    }

    @Override
    public Transmit pollTransmit() {
        return null;
    }

    @Override
    public Fired pollEvent() {
        return events.poll();
    }
}
