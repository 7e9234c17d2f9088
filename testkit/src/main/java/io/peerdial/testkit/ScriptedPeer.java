package io.peerdial.testkit;

import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A scripted fake peer (OkHttp's MockWebServer idea for datagrams): it reports every datagram it receives as a
 * {@link Received} event and answers with whatever its {@link Responder} returns. Put it in an
 * {@link InMemoryNetwork} next to real cores to play a misbehaving or minimal counterpart, or drive it by hand.
 *
 * <pre>{@code
 * var liar = net.add(net.nextAddress(), new ScriptedPeer((now, from, request) -> forgedReplyTo(request)));
 * net.invoke(node, (core, now) -> core.join(now, List.of(liar.address())));
 * net.runFor(1_000);
 * assertThat(liar.events()).isNotEmpty();
 * }</pre>
 */
public final class ScriptedPeer implements DatagramProtocol<ScriptedPeer.Received> {

    /** A datagram received at {@code at}. The payload array is the peer's own copy (arrays compare by identity). */
    public record Received(long at, InetSocketAddress from, byte[] payload) {
    }

    /** Computes the reply to a datagram: the bytes to send back to its sender, or {@code null} to stay silent. */
    @FunctionalInterface
    public interface Responder {
        byte[] respond(long now, InetSocketAddress from, byte[] payload);
    }

    private final Responder responder;
    private final ArrayDeque<Transmit> out = new ArrayDeque<>();
    private final ArrayDeque<Received> events = new ArrayDeque<>();

    public ScriptedPeer(Responder responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
    }

    /** A peer that never answers (a black hole that still records what it got). */
    public static ScriptedPeer silent() {
        return new ScriptedPeer((now, from, payload) -> null);
    }

    /** API call: sends {@code payload} to {@code to} unprompted. */
    public void send(InetSocketAddress to, byte[] payload) {
        out.addLast(new Transmit(to, payload));
    }

    @Override
    public void handleDatagram(long now, InetSocketAddress from, byte[] bytes) {
        events.addLast(new Received(now, from, bytes));
        byte[] reply = responder.respond(now, from, bytes);
        if (reply != null) {
            out.addLast(new Transmit(from, reply));
        }
    }

    @Override
    public void handleTimeout(long now) {
        // No timers: a script reacts only to what it receives.
    }

    @Override
    public Transmit pollTransmit() {
        return out.pollFirst();
    }

    @Override
    public long pollTimeout() {
        return NO_TIMEOUT;
    }

    @Override
    public Received pollEvent() {
        return events.pollFirst();
    }
}
