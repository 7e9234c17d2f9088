package io.peerdial.overlay.protocol;

import java.net.InetSocketAddress;

/**
 * The contract every sans-IO protocol core of peerdial fulfils, after quinn-proto's endpoint.
 *
 * <p>A core never owns a socket, a thread, a sleep, the wall clock or a global random generator.
 * A driver (the UDP runtime, the in-memory test network, the simulator) feeds it datagrams and
 * timeouts, each with the current time, and then drains its outputs:
 *
 * <pre>{@code
 * core.handleDatagram(now, from, bytes);          // or core.handleTimeout(now)
 * for (Transmit t; (t = core.pollTransmit()) != null; ) socket.send(t);
 * for (E e; (e = core.pollEvent()) != null; ) deliver(e);
 * wakeUpAt(core.pollTimeout());
 * }</pre>
 *
 * <p>Time is in milliseconds on a clock chosen by the driver; it must never go backwards. The
 * real runtime uses a monotonic clock aligned to the Unix epoch at start-up, so that signed
 * records with absolute expiry times can be checked against it.
 *
 * <p>{@code handleDatagram} never throws because of the bytes a peer sent: a bad datagram is
 * counted, reported as an event if the core chooses to, and dropped.
 *
 * @param <E> the events this core reports to its caller
 */
public interface DatagramProtocol<E> {

    /** Timeout value meaning "no timer armed". */
    long NO_TIMEOUT = Long.MAX_VALUE;

    /** Feeds one received datagram. {@code bytes} is owned by the core after the call. */
    void handleDatagram(long now, InetSocketAddress from, byte[] bytes);

    /** Lets the core run its timers; call it once {@code now >= pollTimeout()}. */
    void handleTimeout(long now);

    /** Next datagram to send, or {@code null} when there is none. */
    Transmit pollTransmit();

    /** Time at which {@link #handleTimeout} should be called next, or {@link #NO_TIMEOUT}. */
    long pollTimeout();

    /** Next event for the caller, or {@code null} when there is none. */
    E pollEvent();
}
