package io.peerdial.node.media.ice;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What one TURN allocation of an {@link IceSession} has carried so far, counted by the node itself
 * on the client↔server leg (ice4j does not expose it): the input of the relay receipts
 * (docs/INCENTIVES.md). Cumulative over the allocation's life.
 *
 * @param server        the TURN server holding the allocation
 * @param relayed       the allocation's XOR-RELAYED-ADDRESS (RFC 8656 §18.5)
 * @param mapped        the client's XOR-MAPPED-ADDRESS as the server saw it (RFC 8489 §14.2)
 * @param bytesToPeers  application bytes this node sent through the relay to peers (Send indication
 *                      DATA and ChannelData payloads)
 * @param bytesToClient application bytes the relay delivered to this node from peers
 */
public record RelayUsage(TurnServer server, InetSocketAddress relayed, InetSocketAddress mapped,
                         long bytesToPeers, long bytesToClient) {
    public RelayUsage {
        Objects.requireNonNull(server);
        Objects.requireNonNull(relayed);
        Objects.requireNonNull(mapped);
        if (bytesToPeers < 0 || bytesToClient < 0) throw new IllegalArgumentException("negative byte count");
    }
}
