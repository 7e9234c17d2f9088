/**
 * The IO edge of the P2P sockets: {@link io.peerdial.p2p.net.StreamSocket} drives a sans-IO
 * {@link io.peerdial.p2p.stream.StreamConnection} over a {@link io.peerdial.p2p.net.DatagramPath} with one timer
 * thread and offers blocking {@link java.io.InputStream}/{@link java.io.OutputStream} with timeouts. Paths: a UDP
 * socket pair ({@link io.peerdial.p2p.net.UdpDatagramPath}) or the pair an ICE session selected (RFC 8445,
 * {@link io.peerdial.p2p.net.IceDatagramPath}), on which {@link io.peerdial.p2p.net.ChannelMux} carries the
 * datagram and stream channels apart by their first byte (docs/P2P.md "Framing").
 */
package io.peerdial.p2p.net;
