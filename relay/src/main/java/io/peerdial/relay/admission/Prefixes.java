package io.peerdial.relay.admission;

import java.net.Inet4Address;
import java.net.InetAddress;

/** The network an address belongs to, for sharing one newcomer allowance: /24 for IPv4, /48 for IPv6. */
public final class Prefixes {
    private Prefixes() {}

    public static String of(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + ".0/24";
        }
        return String.format("%02x%02x:%02x%02x:%02x%02x::/48", b[0], b[1], b[2], b[3], b[4], b[5]);
    }
}
