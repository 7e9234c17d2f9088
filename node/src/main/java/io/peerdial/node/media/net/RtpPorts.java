package io.peerdial.node.media.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * An RTP port and its RTCP neighbour (RFC 3550 §11: RTP on an even port, RTCP on the next one),
 * bound as blocking channels. Shared by the softphone's legs and the node's media bridge.
 *
 * @param rtcp null when no pair could be had and the caller accepted that (RTCP then only with rtcp-mux)
 */
record RtpPorts(DatagramChannel rtp, DatagramChannel rtcp) {

    private static final int BIND_ATTEMPTS = 50;

    /**
     * Binds a pair on {@code address}; without a free pair after a few tries, a single RTP port when
     * {@code rtcpOptional}, else an IOException.
     */
    static RtpPorts bind(InetAddress address, boolean rtcpOptional) throws IOException {
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            DatagramChannel first = open(address, 0);
            int port = port(first);
            if (port % 2 == 0 && port < 65_535) {
                try {
                    return new RtpPorts(first, open(address, port + 1));
                } catch (IOException taken) {
                    // port + 1 in use: try another pair
                }
            }
            first.close();
        }
        if (!rtcpOptional) throw new IOException("no free RTP/RTCP port pair on " + address.getHostAddress());
        return new RtpPorts(open(address, 0), null);
    }

    static int port(DatagramChannel channel) throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private static DatagramChannel open(InetAddress address, int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(address, port));
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }
}
