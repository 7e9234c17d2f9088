/**
 * The IO edge of the P2P stream: {@link io.peerdial.p2p.net.StreamSocket} drives a sans-IO
 * {@link io.peerdial.p2p.stream.StreamConnection} over a {@link io.peerdial.p2p.net.DatagramPath} (a UDP socket
 * pair here; an ICE component or a TURN channel later) with one timer thread, and offers blocking
 * {@link java.io.InputStream}/{@link java.io.OutputStream} with timeouts.
 */
package io.peerdial.p2p.net;
