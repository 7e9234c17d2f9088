package io.peerdial.node.daemon;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** {@code HOST:PORT} as users write it ({@code [::1]:7070} for IPv6), parsed and formatted. */
public final class HostPort {

    private HostPort() {}

    /**
     * Parses and resolves {@code HOST:PORT}.
     *
     * @throws IllegalArgumentException with a one-line reason for the user
     */
    public static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT (e.g. 127.0.0.1:7070 or [::1]:7070), got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("write an IPv6 address in brackets, e.g. [::1]:7070, got '" + text + "'");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number in 0..65535, got '" + text.substring(colon + 1) + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (host.isEmpty()) throw new IllegalArgumentException("missing host in '" + text + "'");
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'");
        }
    }

    /** {@code 127.0.0.1:7070}, {@code [::1]:7070}. */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
