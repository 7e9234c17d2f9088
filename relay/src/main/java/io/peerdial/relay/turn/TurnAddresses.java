package io.peerdial.relay.turn;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/** Address checks and the address-family numbers shared by TURN attributes (RFC 8656 §18.6). */
public final class TurnAddresses {
    public static final int FAMILY_IPV4 = 0x01;
    public static final int FAMILY_IPV6 = 0x02;

    private TurnAddresses() {}

    static InetSocketAddress check(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address: " + address);
        }
        return address;
    }

    /** The family number of an address: 0x01 for IPv4, 0x02 for IPv6. */
    public static int familyOf(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address ? FAMILY_IPV4 : FAMILY_IPV6;
    }
}
