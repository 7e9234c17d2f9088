package io.peerdial.simulator.net;

import java.net.InetSocketAddress;

/**
 * A middlebox in front of one simulated node: the hook where NAT and firewall behaviour
 * (RFC 4787 mapping and filtering) plugs in. A node without a device ({@code null}) has a public
 * address. The engine asks the sender's device for the source address the outside sees, and the
 * receiver's device whether to let an inbound datagram through.
 *
 * <p>Not used by the shipped experiments yet: the NAT/ICE model arrives with the nat-mix work.
 */
public interface NodeDevice {

    /**
     * An outbound datagram from the node to {@code destination}: returns the public source address
     * it leaves with (creating a mapping if needed), or {@code null} to drop it (e.g. UDP blocked).
     */
    InetSocketAddress outbound(long now, InetSocketAddress privateSource, InetSocketAddress destination);

    /** An inbound datagram from {@code source} to the public address {@code to}: true to deliver it. */
    boolean inbound(long now, InetSocketAddress source, InetSocketAddress to);
}
