package io.peerdial.p2p.stream;

/**
 * Settings of a {@link StreamConnection}; both ends should use the same {@code receiveWindow}, because the
 * first window a sender may use is its own setting (there is no handshake: the path is already up).
 *
 * @param sendBuffer        bytes written but not yet acknowledged that the connection holds
 * @param receiveWindow     bytes received but not yet read that the connection holds (the flow-control window)
 * @param initialRtoMillis  RTO before the first RTT sample (RFC 6298 §2.1 says 1 s)
 * @param minRtoMillis      lower bound of the RTO (RFC 6298 §2.4 says 1 s; RFC 8961 allows less)
 * @param maxRtoMillis      upper bound of the RTO after back-off (RFC 6298 §2.5: at least 60 s)
 * @param ackDelayMillis    longest delay of an acknowledgement (RFC 1122 §4.2.3.2: under 500 ms)
 * @param keepAliveMillis   send a PING after this long without receiving anything
 * @param idleTimeoutMillis fail with {@link StreamEvent.FailureReason#IDLE_TIMEOUT} after this long without receiving
 */
public record StreamConfig(int sendBuffer, int receiveWindow, long initialRtoMillis, long minRtoMillis,
        long maxRtoMillis, long ackDelayMillis, long keepAliveMillis, long idleTimeoutMillis) {

    public StreamConfig {
        if (sendBuffer < SegmentCodec.MAX_PAYLOAD || receiveWindow < SegmentCodec.MAX_PAYLOAD) {
            throw new IllegalArgumentException("buffers must hold at least one segment");
        }
        if (minRtoMillis < 1 || initialRtoMillis < minRtoMillis || maxRtoMillis < initialRtoMillis) {
            throw new IllegalArgumentException("need 1 <= minRto <= initialRto <= maxRto");
        }
        if (ackDelayMillis < 0 || keepAliveMillis < 1 || idleTimeoutMillis <= keepAliveMillis) {
            throw new IllegalArgumentException("need ackDelay >= 0, 1 <= keepAlive < idleTimeout");
        }
    }

    /** 1 MiB buffers, RTO 1 s initially and within [200 ms, 60 s], 25 ms ack delay, 15 s keep-alive, 60 s idle. */
    public static StreamConfig defaults() {
        return new StreamConfig(1 << 20, 1 << 20, 1_000, 200, 60_000, 25, 15_000, 60_000);
    }

    public StreamConfig withBuffers(int sendBuffer, int receiveWindow) {
        return new StreamConfig(sendBuffer, receiveWindow, initialRtoMillis, minRtoMillis, maxRtoMillis,
                ackDelayMillis, keepAliveMillis, idleTimeoutMillis);
    }

    public StreamConfig withTimeouts(long keepAliveMillis, long idleTimeoutMillis) {
        return new StreamConfig(sendBuffer, receiveWindow, initialRtoMillis, minRtoMillis, maxRtoMillis,
                ackDelayMillis, keepAliveMillis, idleTimeoutMillis);
    }
}
