package io.peerdial.testkit;

import java.net.InetSocketAddress;

/**
 * Sees every datagram a live node of an {@link InMemoryNetwork} sends, before loss and latency apply:
 * for tests that trace traffic, drop particular messages or tamper with them (e.g. a malicious storing
 * node answering with forged values).
 */
@FunctionalInterface
public interface DatagramInterceptor {

    /**
     * Returns the bytes to put on the wire: {@code payload} itself (it is the network's private copy, so
     * it may be modified in place), another array, or {@code null} to drop the datagram.
     */
    byte[] intercept(long now, InetSocketAddress from, InetSocketAddress to, byte[] payload);
}
