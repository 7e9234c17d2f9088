package io.peerdial.simulator.net;

/**
 * What a NAT's mapping or filtering depends on, as RFC 4787 names it (§4.1 mapping, §5 filtering).
 * For mapping: whether an internal endpoint keeps one external address:port for every destination
 * (endpoint-independent), one per destination address, or one per destination address and port.
 * For filtering: which inbound sources an existing mapping accepts — anyone, only addresses the
 * internal endpoint has sent to, or only the exact address:port pairs it has sent to.
 */
public enum NatBehaviour {
    ENDPOINT_INDEPENDENT,
    ADDRESS_DEPENDENT,
    ADDRESS_AND_PORT_DEPENDENT
}
