package io.peerdial.node.daemon;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the overlay's datagrams travel ({@code --overlay-transport}; docs/PROTOCOL.md "Datagrams over
 * TCP"). Every node also accepts them over TCP on its overlay port whatever it chose.
 */
public enum OverlayTransport {
    /** UDP until the node finds its UDP blocked (UDP_BLOCKED), then TCP and a new join through the bootstrap nodes. */
    AUTO,
    /** UDP only. */
    UDP,
    /** TCP from the start: the node is UDP_BLOCKED and a DHT client. */
    TCP;

    /** The lower-case name users type. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OverlayTransport parse(String text) {
        for (OverlayTransport t : values()) if (t.cliName().equalsIgnoreCase(text)) return t;
        throw new IllegalArgumentException("expected one of " + valid() + ", got '" + text + "'");
    }

    public static String valid() {
        return Arrays.stream(values()).map(OverlayTransport::cliName).collect(Collectors.joining(", "));
    }
}
