package io.peerdial.simulator.net;

/** The transport of a simulated packet: UDP datagrams, or segments of a TCP connection (modelled as reliable). */
public enum Transport { UDP, TCP }
