package io.peerdial.node.media.call;

import java.util.Objects;

/**
 * One datagram the core wants sent: to {@code host}:{@code port} (an IP literal from the SDP), RTP or RTCP.
 *
 * @param rtcp true for an RTCP compound (its port is the RTP port when rtcp-mux was agreed, else RTP port + 1)
 */
public record OutboundDatagram(String host, int port, byte[] bytes, boolean rtcp) {
    public OutboundDatagram {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(bytes, "bytes");
        if (port <= 0 || port > 65_535) {
            throw new IllegalArgumentException("port 1..65535: " + port);
        }
    }
}
