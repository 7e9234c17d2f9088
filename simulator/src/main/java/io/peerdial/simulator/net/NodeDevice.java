package io.peerdial.simulator.net;

import java.net.InetSocketAddress;

/**
 * A middlebox in front of one simulated node: the hook where NAT and firewall behaviour
 * (RFC 4787 mapping and filtering, RFC 5382 for TCP) plugs in. A node without a device
 * ({@code null}) has a public address. The engine asks the sender's device for the source
 * address the outside sees, and the receiver's device whether, and to which internal endpoint,
 * an inbound packet goes. Implementations: {@link NatDevice} (every {@link NodeMix} but PUBLIC).
 */
public interface NodeDevice {

    /**
     * An outbound packet from the internal endpoint {@code privateSource} to {@code destination}:
     * returns the public source address it leaves with (creating or refreshing a mapping), or
     * {@code null} to drop it (e.g. UDP blocked).
     */
    InetSocketAddress outbound(long now, Transport transport, InetSocketAddress privateSource, InetSocketAddress destination);

    /**
     * An inbound packet from {@code source} to the public address {@code to}: returns the internal
     * endpoint to deliver it to, or {@code null} when no live mapping exists or the filter refuses it.
     */
    InetSocketAddress inbound(long now, Transport transport, InetSocketAddress source, InetSocketAddress to);
}
