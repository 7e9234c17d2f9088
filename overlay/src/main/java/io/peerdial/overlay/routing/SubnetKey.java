package io.peerdial.overlay.routing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The network an address belongs to for the eclipse limits: its IPv4 /24 or its IPv6 /64.
 *
 * <p>Loopback addresses have no subnet key: everything on 127.0.0.0/8 or ::1 runs on this very
 * machine (tests, the demo, a local cluster), and limiting them would stop a local overlay from
 * forming without protecting anyone from a remote attacker.
 */
final class SubnetKey {

    private SubnetKey() {}

    /** A long identifying the /24 or /64, or {@code null} when no limit applies. */
    static Long of(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null || ip.isLoopbackAddress()) {
            return null;
        }
        byte[] b = ip.getAddress();
        if (ip instanceof Inet4Address) {
            return (1L << 32) | ((b[0] & 0xFFL) << 16) | ((b[1] & 0xFFL) << 8) | (b[2] & 0xFFL);
        }
        long prefix = 0;
        for (int i = 0; i < 8; i++) prefix = (prefix << 8) | (b[i] & 0xFF);
        // IPv6 /64 prefixes and the tagged IPv4 values above cannot collide: the tag bit 32 with zero
        // upper bits would be an IPv6 prefix 0000:0001::/64, which is reserved and never routed.
        return prefix;
    }
}
