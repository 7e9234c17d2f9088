package io.peerdial.overlay.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of one event loop, for status and metrics. All are totals since start.
 *
 * @param datagramsIn    datagrams received and handed to the core
 * @param datagramsOut   datagrams sent
 * @param bytesIn        payload bytes received
 * @param bytesOut       payload bytes sent
 * @param sendsQueued    datagrams that found the socket buffer full and waited in the send queue
 * @param sendsDropped   datagrams dropped because the send queue was full
 * @param sendErrors     datagrams the operating system refused to send (unreachable network, ...)
 * @param coreErrors     RuntimeExceptions thrown by the core: each one is a bug
 * @param listenerErrors RuntimeExceptions thrown by the event listener
 * @param tcpConnections  TCP connections carrying datagrams open now (docs/PROTOCOL.md "Datagrams over TCP")
 * @param tcpFramesIn     datagrams received over TCP (also counted in {@code datagramsIn})
 * @param tcpFramesOut    datagrams sent over TCP (also counted in {@code datagramsOut})
 * @param tcpBadFrames    TCP connections closed for a bad length prefix
 * @param tcpConnectFailures outbound TCP connections that could not be made
 */
public record RuntimeStats(long datagramsIn, long datagramsOut, long bytesIn, long bytesOut,
                           long sendsQueued, long sendsDropped, long sendErrors,
                           long coreErrors, long listenerErrors,
                           long tcpConnections, long tcpFramesIn, long tcpFramesOut, long tcpBadFrames,
                           long tcpConnectFailures) {

    /** Counters of a loop without TCP. */
    public RuntimeStats(long datagramsIn, long datagramsOut, long bytesIn, long bytesOut, long sendsQueued,
                        long sendsDropped, long sendErrors, long coreErrors, long listenerErrors) {
        this(datagramsIn, datagramsOut, bytesIn, bytesOut, sendsQueued, sendsDropped, sendErrors, coreErrors, listenerErrors,
                0, 0, 0, 0, 0);
    }

    /** The counters by snake_case name, in declaration order (for JSON and Prometheus output). */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("datagrams_in", datagramsIn);
        m.put("datagrams_out", datagramsOut);
        m.put("bytes_in", bytesIn);
        m.put("bytes_out", bytesOut);
        m.put("sends_queued", sendsQueued);
        m.put("sends_dropped", sendsDropped);
        m.put("send_errors", sendErrors);
        m.put("core_errors", coreErrors);
        m.put("listener_errors", listenerErrors);
        m.put("tcp_connections", tcpConnections);
        m.put("tcp_frames_in", tcpFramesIn);
        m.put("tcp_frames_out", tcpFramesOut);
        m.put("tcp_bad_frames", tcpBadFrames);
        m.put("tcp_connect_failures", tcpConnectFailures);
        return m;
    }
}
