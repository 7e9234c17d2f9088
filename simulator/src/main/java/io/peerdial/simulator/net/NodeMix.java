package io.peerdial.simulator.net;

import java.net.InetAddress;
import java.util.random.RandomGenerator;

/**
 * The node-mix names of CONTRACTS.md: what sits between a node and the Internet. Behaviours as
 * RFC 4787 names them (mapping / filtering).
 */
public enum NodeMix {
    /** No NAT: the host address is public. */
    PUBLIC(null, null, false),
    /** Endpoint-independent mapping and filtering. */
    FULL_CONE(NatBehaviour.ENDPOINT_INDEPENDENT, NatBehaviour.ENDPOINT_INDEPENDENT, false),
    /** Endpoint-independent mapping, address-dependent filtering. */
    ADDRESS_RESTRICTED(NatBehaviour.ENDPOINT_INDEPENDENT, NatBehaviour.ADDRESS_DEPENDENT, false),
    /** Endpoint-independent mapping, address-and-port-dependent filtering. */
    PORT_RESTRICTED(NatBehaviour.ENDPOINT_INDEPENDENT, NatBehaviour.ADDRESS_AND_PORT_DEPENDENT, false),
    /** Address-and-port-dependent mapping and filtering. */
    SYMMETRIC(NatBehaviour.ADDRESS_AND_PORT_DEPENDENT, NatBehaviour.ADDRESS_AND_PORT_DEPENDENT, false),
    /** A firewall that drops all UDP and lets TCP out (with a NAT in front, as home routers do). */
    UDP_BLOCKED(NatBehaviour.ADDRESS_AND_PORT_DEPENDENT, NatBehaviour.ADDRESS_AND_PORT_DEPENDENT, true);

    private final NatBehaviour mapping;
    private final NatBehaviour filtering;
    private final boolean udpBlocked;

    NodeMix(NatBehaviour mapping, NatBehaviour filtering, boolean udpBlocked) {
        this.mapping = mapping;
        this.filtering = filtering;
        this.udpBlocked = udpBlocked;
    }

    /** The device for a node of this kind with public address {@code publicIp}; {@code null} for PUBLIC. */
    public NodeDevice device(InetAddress publicIp, long bindingMs, boolean preservePorts, RandomGenerator random) {
        if (this == PUBLIC) return null;
        return new NatDevice(publicIp, mapping, filtering, bindingMs, preservePorts, udpBlocked, random);
    }

    public NatBehaviour mapping() { return mapping; }
    public NatBehaviour filtering() { return filtering; }
    public boolean udpBlocked() { return udpBlocked; }
}
