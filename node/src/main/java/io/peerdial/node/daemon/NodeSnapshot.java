package io.peerdial.node.daemon;

import io.peerdial.node.sip.SipMetrics;
import io.peerdial.overlay.kademlia.OverlayStatus;
import io.peerdial.overlay.runtime.RuntimeStats;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What the control endpoint reports about a running node at one instant.
 *
 * @param role         {@code super}, {@code peer} or {@code client}
 * @param reachability {@code PUBLIC}, {@code CONE}, {@code SYMMETRIC}, {@code UDP_BLOCKED} or {@code UNKNOWN}
 * @param sipRegistrations local phones registered now
 * @param sipActiveCalls   calls through this node's SIP service now
 * @param sip              the SIP service's counters ({@link SipMetrics.Snapshot#EMPTY} without SIP)
 * @param overlayTransport {@code udp} or {@code tcp}: how this node's overlay datagrams leave now
 */
public record NodeSnapshot(OverlayStatus overlay, RuntimeStats runtime, InetSocketAddress listen,
                           String role, String reachability, int sipRegistrations, int sipActiveCalls,
                           io.peerdial.node.relay.RelayStatus relay, SipMetrics.Snapshot sip, String overlayTransport) {

    public NodeSnapshot(OverlayStatus overlay, RuntimeStats runtime, InetSocketAddress listen,
                        String role, String reachability, int sipRegistrations, int sipActiveCalls,
                        io.peerdial.node.relay.RelayStatus relay, SipMetrics.Snapshot sip) {
        this(overlay, runtime, listen, role, reachability, sipRegistrations, sipActiveCalls, relay, sip, "udp");
    }

    /** This snapshot with the overlay's transport now ({@code udp} or {@code tcp}). */
    public NodeSnapshot withOverlayTransport(String transport) {
        return new NodeSnapshot(overlay, runtime, listen, role, reachability, sipRegistrations, sipActiveCalls, relay, sip, transport);
    }

    public NodeSnapshot(OverlayStatus overlay, RuntimeStats runtime, InetSocketAddress listen,
                        String role, String reachability, int sipRegistrations, int sipActiveCalls) {
        this(overlay, runtime, listen, role, reachability, sipRegistrations, sipActiveCalls, io.peerdial.node.relay.RelayStatus.NONE,
                SipMetrics.Snapshot.EMPTY);
    }

    /** This snapshot with the relay service's status. */
    public NodeSnapshot withRelay(io.peerdial.node.relay.RelayStatus relayStatus) {
        return new NodeSnapshot(overlay, runtime, listen, role, reachability, sipRegistrations, sipActiveCalls, relayStatus, sip, overlayTransport);
    }

    /** This snapshot with the SIP service's counters. */
    public NodeSnapshot withSip(SipMetrics.Snapshot sipMetrics) {
        return new NodeSnapshot(overlay, runtime, listen, role, reachability, sipRegistrations, sipActiveCalls, relay, sipMetrics, overlayTransport);
    }

    /** A node without a SIP service. */
    public NodeSnapshot(OverlayStatus overlay, RuntimeStats runtime, InetSocketAddress listen, String role, String reachability) {
        this(overlay, runtime, listen, role, reachability, 0, 0);
    }

    public NodeSnapshot {
        Objects.requireNonNull(overlay, "overlay");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(reachability, "reachability");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(sip, "sip");
        Objects.requireNonNull(overlayTransport, "overlayTransport");
    }
}
