package io.peerdial.relay.runtime;

import io.peerdial.relay.server.RelayPorts;
import io.peerdial.relay.turn.TurnAddresses;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relayed ports as real UDP sockets bound on the relay IP in [min, max], registered with the
 * driver's selector (the key's attachment is the relayed address). Called only on the loop
 * thread, from inside the core's Allocate and expiry handling.
 */
final class UdpRelayPorts implements RelayPorts {
    private static final Logger log = LoggerFactory.getLogger(UdpRelayPorts.class);
    private static final int SOCKET_BUFFER_BYTES = 1 << 20;

    private final InetAddress relayIp;
    private final int minPort;
    private final int maxPort;
    private final Selector selector;
    private final Map<InetSocketAddress, DatagramChannel> channels = new HashMap<>();
    private int cursor;

    UdpRelayPorts(InetAddress relayIp, int minPort, int maxPort, Selector selector) {
        if (minPort < 1 || maxPort > 65_535 || minPort > maxPort) {
            throw new IllegalArgumentException("port range must be within 1-65535 and min <= max: " + minPort + "-" + maxPort);
        }
        this.relayIp = relayIp;
        this.minPort = minPort;
        this.maxPort = maxPort;
        this.selector = selector;
        this.cursor = minPort;
    }

    @Override
    public InetSocketAddress reserve(int family, boolean evenPort) {
        if (family != TurnAddresses.FAMILY_IPV4 || !(relayIp instanceof java.net.Inet4Address)) {
            if (family != TurnAddresses.FAMILY_IPV6 || !(relayIp instanceof java.net.Inet6Address)) {
                return null; // the relay IP has one family; the core answers 440
            }
        }
        int span = maxPort - minPort + 1;
        for (int i = 0; i < span; i++) {
            int port = cursor;
            cursor = cursor == maxPort ? minPort : cursor + 1;
            if (evenPort && port % 2 != 0) {
                continue;
            }
            InetSocketAddress address = new InetSocketAddress(relayIp, port);
            if (channels.containsKey(address)) {
                continue;
            }
            DatagramChannel channel = tryBind(address);
            if (channel != null) {
                channels.put(address, channel);
                return address;
            }
        }
        return null;
    }

    @Override
    public InetSocketAddress reserveExact(InetSocketAddress address) {
        int port = address.getPort();
        if (!address.getAddress().equals(relayIp) || port < minPort || port > maxPort || channels.containsKey(address)) {
            return null;
        }
        DatagramChannel channel = tryBind(address);
        if (channel == null) {
            return null;
        }
        channels.put(address, channel);
        return address;
    }

    @Override
    public void release(InetSocketAddress relayed) {
        DatagramChannel channel = channels.remove(relayed);
        if (channel != null) {
            try {
                channel.close(); // also cancels its selection key
            } catch (IOException e) {
                log.debug("closing relayed port {} failed: {}", relayed, e.toString());
            }
        }
    }

    DatagramChannel channel(InetSocketAddress relayed) {
        return channels.get(relayed);
    }

    int open() {
        return channels.size();
    }

    void closeAll() {
        for (InetSocketAddress a : Map.copyOf(channels).keySet()) {
            release(a);
        }
    }

    private DatagramChannel tryBind(InetSocketAddress address) {
        DatagramChannel channel = null;
        try {
            channel = address.getAddress() instanceof java.net.Inet4Address
                    ? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open(StandardProtocolFamily.INET6);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.bind(address);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, address);
            return channel;
        } catch (BindException e) {
            closeQuietly(channel); // in use by another process: try the next port
            return null;
        } catch (IOException e) {
            log.warn("cannot open relayed port {}: {}", address, e.toString());
            closeQuietly(channel);
            return null;
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
