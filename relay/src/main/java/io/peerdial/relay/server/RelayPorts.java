package io.peerdial.relay.server;

import java.net.InetSocketAddress;

/**
 * Where relayed transport addresses come from. The core asks synchronously while it handles an
 * Allocate, because the success response must carry the address (RFC 8656 §7.2). The UDP driver
 * binds a real socket in its port range; tests and the simulator hand out virtual addresses.
 * Implementations are called only from the thread that drives the core.
 */
public interface RelayPorts {

    /**
     * Reserves a relayed address of {@code family} (0x01 IPv4, 0x02 IPv6), with an even port if
     * {@code evenPort}; null when none is left (the core answers 508).
     */
    InetSocketAddress reserve(int family, boolean evenPort);

    /**
     * Reserves exactly {@code address} (the odd port above an even one, for EVEN-PORT with the R
     * bit, RFC 8656 §7.2); null if it is taken or outside the range.
     */
    InetSocketAddress reserveExact(InetSocketAddress address);

    /** Gives back an address from {@link #reserve} once its allocation is gone. */
    void release(InetSocketAddress relayed);
}
