package io.peerdial.node.daemon;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The role a node asks for with {@code --role}. */
public enum Role {
    /** A DHT server until peers' observations show a NAT or a UDP block, then a client (OverlayConfig.autoClient); super-node election comes with the relay issue (#6). */
    AUTO,
    /** Serve the DHT, rendezvous and relays (needs a public address). */
    SUPER,
    /** A DHT client: asks the overlay but is never put in routing tables. */
    CLIENT;

    /** The lower-case name users type. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role as {@code peerdial status} reports it: {@code super}, {@code peer} or {@code client}. */
    public String statusName() {
        return this == AUTO ? "peer" : cliName();
    }

    public static Role parse(String text) {
        for (Role r : values()) if (r.cliName().equalsIgnoreCase(text)) return r;
        throw new IllegalArgumentException("expected one of " + valid() + ", got '" + text + "'");
    }

    public static String valid() {
        return Arrays.stream(values()).map(Role::cliName).collect(Collectors.joining(", "));
    }
}
