package io.peerdial.testkit;

import java.net.InetSocketAddress;

/** Allocation-free hashing used by the deterministic network models. */
final class Mix {

    private Mix() {
    }

    /** SplitMix64's finaliser: a good 64-bit bijective mix. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A hash of IP and port; InetAddress.hashCode is the IPv4 address itself and allocates nothing. */
    static long address(InetSocketAddress a) {
        return mix64(((long) a.getAddress().hashCode() << 16) ^ a.getPort());
    }
}
