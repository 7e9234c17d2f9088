package io.peerdial.simulator.ice;

import io.peerdial.simulator.net.Transport;
import java.net.InetSocketAddress;

/** A packet a model endpoint wants sent: from {@code source} (one of its own addresses) to {@code destination}. */
public record Outgoing(Transport transport, InetSocketAddress source, InetSocketAddress destination, Packet packet) {}
