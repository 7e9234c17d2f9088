package io.peerdial.overlay.routing;

import io.peerdial.overlay.wire.Contact;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The network an address belongs to for the eclipse limits: its IPv4 /24 or its IPv6 /64.
 *
 * <p>Loopback addresses have no subnet key: everything on 127.0.0.0/8 or ::1 runs on this very
 * machine (tests, the demo, a local cluster), and limiting them would stop a local overlay from
 * forming without protecting anyone from a remote attacker.
 *
 * <p>A bucket keeps the key of each entry in {@value #COMPACT_BITS} bits ({@link #compact}): an
 * IPv4 key exactly, an IPv6 one as a hash that a match confirms against the entry's address
 * ({@link #isExact}), so the compact form never changes a count.
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

    /** Bits of a {@link #compact} key; the bits above are free for the bucket's own use. */
    static final int COMPACT_BITS = 26;
    static final int COMPACT_MASK = (1 << COMPACT_BITS) - 1;
    private static final int IPV4 = 1 << 24;
    private static final int HASHED = 2 << 24;

    /**
     * {@code subnet} (an {@link #of} value or {@link RoutingEntry#NO_SUBNET}) in {@value #COMPACT_BITS}
     * bits: 0 for no subnet, the /24 itself for the IPv4 form, else 24 bits of a hash of it. A function
     * of the long alone, so equal keys stay equal.
     */
    static int compact(long subnet) {
        if (subnet == RoutingEntry.NO_SUBNET) return 0;
        if (subnet >>> 24 == 0x100) return IPV4 | (int) subnet & 0xFF_FFFF; // (1 << 32) | /24, as of() builds it
        return HASHED | (int) (subnet * 0x9E37_79B9_7F4A_7C15L >>> 40); // Fibonacci hashing: the top bits mix all 64
    }

    /** Whether equal compact keys mean equal subnets (false: a hash, compare the full keys). */
    static boolean isExact(int compact) {
        return compact < HASHED;
    }

    /** The full key back from {@code compact}, computed again from {@code c} when it is a hash. */
    static long expand(int compact, Contact c) {
        if (compact == 0) return RoutingEntry.NO_SUBNET;
        if (compact < HASHED) return 1L << 32 | (compact & 0xFF_FFFF);
        return RoutingEntry.subnetOf(c);
    }
}
