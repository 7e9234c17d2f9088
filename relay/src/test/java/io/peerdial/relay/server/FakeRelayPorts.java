package io.peerdial.relay.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Hands out relayed addresses on one IP from a small port range, and remembers what was released. */
final class FakeRelayPorts implements RelayPorts {
    final InetAddress ip;
    private final int first;
    private final int count;
    final List<InetSocketAddress> reserved = new ArrayList<>();
    final List<InetSocketAddress> released = new ArrayList<>();

    FakeRelayPorts(InetAddress ip, int first, int count) {
        this.ip = ip;
        this.first = first;
        this.count = count;
    }

    @Override
    public InetSocketAddress reserve(int family, boolean evenPort) {
        if (family != io.peerdial.relay.turn.TurnAddresses.FAMILY_IPV4) {
            return null;
        }
        for (int p = first; p < first + count; p++) {
            InetSocketAddress a = new InetSocketAddress(ip, p);
            if ((!evenPort || p % 2 == 0) && !reserved.contains(a)) {
                reserved.add(a);
                return a;
            }
        }
        return null;
    }

    @Override
    public InetSocketAddress reserveExact(InetSocketAddress address) {
        int p = address.getPort();
        if (!address.getAddress().equals(ip) || p < first || p >= first + count || reserved.contains(address)) {
            return null;
        }
        reserved.add(address);
        return address;
    }

    @Override
    public void release(InetSocketAddress relayed) {
        if (!reserved.remove(relayed)) {
            throw new AssertionError("released twice or never reserved: " + relayed);
        }
        released.add(relayed);
    }
}
