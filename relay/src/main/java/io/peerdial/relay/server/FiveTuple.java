package io.peerdial.relay.server;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The client's 5-tuple (RFC 8656 §2): transport, client address and the server address it
 * reached. An allocation belongs to exactly one 5-tuple (§7).
 */
public record FiveTuple(ClientTransport transport, InetSocketAddress client, InetSocketAddress server) {
    public FiveTuple {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
    }

    public static FiveTuple udp(InetSocketAddress client, InetSocketAddress server) {
        return new FiveTuple(ClientTransport.UDP, client, server);
    }
}
