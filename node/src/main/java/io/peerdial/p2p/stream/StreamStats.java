package io.peerdial.p2p.stream;

/**
 * Counters of a {@link StreamConnection} at one moment.
 *
 * @param datagramsIn      datagrams handed to {@code handleDatagram}
 * @param datagramsOut     datagrams returned by {@code pollTransmit}
 * @param malformed        datagrams dropped because they did not decode (bad checksum, bad format)
 * @param foreign          datagrams dropped because they carried another connection id
 * @param protocolErrors   well-formed segments dropped because they broke the protocol (data beyond the
 *                         window or past the FIN, an acknowledgement of data never sent)
 * @param retransmissions  segments sent again
 * @param rtoExpirations   retransmission timeouts
 * @param bytesSent        stream bytes sent for the first time
 * @param bytesReceived    stream bytes received in order
 * @param srttMillis       smoothed RTT, or -1 before the first sample
 * @param congestionWindow bytes
 */
public record StreamStats(long datagramsIn, long datagramsOut, long malformed, long foreign, long protocolErrors,
        long retransmissions, long rtoExpirations, long bytesSent, long bytesReceived, long srttMillis,
        long congestionWindow) {
}
