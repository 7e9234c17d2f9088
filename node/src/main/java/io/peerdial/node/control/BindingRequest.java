package io.peerdial.node.control;

import io.peerdial.location.binding.Aor;
import io.peerdial.node.daemon.HostPort;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The body of {@code POST /bindings}, as {@code application/x-www-form-urlencoded}:
 * {@code aor=sip:alice@example.org&contact=192.0.2.1:5060&contact=...&expires=600&certificate=HEX}.
 * No contact: the node's overlay address. {@code expires} in seconds, 1..3600 (default 600).
 */
public record BindingRequest(Aor aor, List<InetSocketAddress> contacts, Duration ttl, byte[] certificate) {

    public static final int MAX_BODY_BYTES = 4096;
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    public BindingRequest {
        Objects.requireNonNull(aor, "aor");
        contacts = List.copyOf(contacts);
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.toSeconds() < 1 || ttl.toSeconds() > 3600) throw new IllegalArgumentException("expires must be in 1..3600 s, got " + ttl.toSeconds());
        if (contacts.size() > 8) throw new IllegalArgumentException("at most 8 contacts, got " + contacts.size());
        certificate = certificate.clone();
    }

    @Override
    public byte[] certificate() {
        return certificate.clone();
    }

    public String toForm() {
        StringBuilder b = new StringBuilder("aor=").append(enc(aor.toString()));
        for (InetSocketAddress c : contacts) b.append("&contact=").append(enc(HostPort.format(c)));
        b.append("&expires=").append(ttl.toSeconds());
        if (certificate.length > 0) b.append("&certificate=").append(HexFormat.of().formatHex(certificate));
        return b.toString();
    }

    /** @throws IllegalArgumentException naming the bad field */
    public static BindingRequest parseForm(String body) {
        Aor aor = null;
        List<InetSocketAddress> contacts = new ArrayList<>();
        Duration ttl = DEFAULT_TTL;
        byte[] certificate = new byte[0];
        for (String pair : body.strip().split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            try {
                switch (name) {
                    case "aor" -> aor = Aor.parse(value);
                    case "contact" -> contacts.add(HostPort.parse(value));
                    case "expires" -> ttl = Duration.ofSeconds(Long.parseLong(value));
                    case "certificate" -> certificate = HexFormat.of().parseHex(value);
                    default -> throw new IllegalArgumentException("unknown field");
                }
            } catch (IllegalArgumentException e) { // NumberFormatException included
                throw new IllegalArgumentException("bad field '" + name + "': " + e.getMessage(), e);
            }
        }
        if (aor == null) throw new IllegalArgumentException("missing field 'aor'");
        return new BindingRequest(aor, contacts, ttl, certificate);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
