package io.peerdial.testkit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Virtual node addresses for the {@link InMemoryNetwork}. They are never bound to a socket; they only have
 * to look like real IPv4 endpoints to the cores (which may, e.g., limit contacts per /24).
 */
public final class VirtualAddresses {

    /** Port used when none is given. */
    public static final int DEFAULT_PORT = 4000;

    private static final int FIRST_OCTETS = 250;
    /** Number of distinct addresses {@link #spread} can produce. */
    public static final int SPREAD_CAPACITY = FIRST_OCTETS * 256 * 254;

    private VirtualAddresses() {
    }

    /** {@link #spread(int, int)} on {@link #DEFAULT_PORT}. */
    public static InetSocketAddress spread(int index) {
        return spread(index, DEFAULT_PORT);
    }

    /**
     * The {@code index}-th address of 10.0.0.0/8, laid out so that consecutive indexes fall into different
     * /16 and /24 networks (10.1.0.1, 10.2.0.1, …): per-subnet limits in a core do not bite unless a test
     * asks for it with {@link #inSubnet}.
     */
    public static InetSocketAddress spread(int index, int port) {
        if (index < 0 || index >= SPREAD_CAPACITY) {
            throw new IllegalArgumentException("index must be in [0, " + SPREAD_CAPACITY + "): " + index);
        }
        int second = 1 + index % FIRST_OCTETS;
        int third = (index / FIRST_OCTETS) % 256;
        int fourth = 1 + index / (FIRST_OCTETS * 256);
        return of(10, second, third, fourth, port);
    }

    /**
     * Host {@code host} (1..254) of subnet number {@code subnet} (0..4095) inside 172.16.0.0/12, i.e.
     * 172.(16 + subnet / 256).(subnet % 256).host: for tests that crowd nodes into one /24. Never
     * collides with {@link #spread}.
     */
    public static InetSocketAddress inSubnet(int subnet, int host, int port) {
        if (subnet < 0 || subnet > 4095 || host < 1 || host > 254) {
            throw new IllegalArgumentException("need subnet in [0, 4095] and host in [1, 254]: " + subnet + ", " + host);
        }
        return of(172, 16 + subnet / 256, subnet % 256, host, port);
    }

    private static InetSocketAddress of(int a, int b, int c, int d, int port) {
        byte[] ip = {(byte) a, (byte) b, (byte) c, (byte) d};
        try {
            // getByAddress never resolves names: no DNS, no IO.
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }
}
