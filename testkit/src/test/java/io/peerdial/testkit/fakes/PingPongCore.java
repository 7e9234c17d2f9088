package io.peerdial.testkit.fakes;

import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Answers "PING n" with "PONG n"; reports every datagram it receives as a {@link Received} event.
 * A test fake: text payloads keep assertions readable.
 */
public final class PingPongCore implements DatagramProtocol<PingPongCore.Received> {

    /** A datagram received at {@code at}. */
    public record Received(long at, InetSocketAddress from, String text) {
    }

    private final ArrayDeque<Transmit> out = new ArrayDeque<>();
    private final ArrayDeque<Received> events = new ArrayDeque<>();

    /** API call: sends "PING n" to {@code to}. */
    public void ping(long now, InetSocketAddress to, int n) {
        send(to, "PING " + n);
    }

    /** API call: sends arbitrary text. */
    public void send(InetSocketAddress to, String text) {
        out.add(new Transmit(to, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void handleDatagram(long now, InetSocketAddress from, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        events.add(new Received(now, from, text));
        if (text.startsWith("PING ")) {
            send(from, "PONG " + text.substring(5));
        }
    }

    @Override
    public void handleTimeout(long now) {
    }

    @Override
    public Transmit pollTransmit() {
        return out.poll();
    }

    @Override
    public long pollTimeout() {
        return NO_TIMEOUT;
    }

    @Override
    public Received pollEvent() {
        return events.poll();
    }
}
