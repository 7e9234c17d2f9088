package io.peerdial.location.entry;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.Binding;
import io.peerdial.location.binding.BindingCodec;
import io.peerdial.location.binding.BindingContact;
import io.peerdial.location.binding.BindingContact.Transport;
import io.peerdial.location.binding.BindingEntries;
import io.peerdial.location.binding.Reachability;
import io.peerdial.location.Fixtures;
import io.peerdial.location.trust.DomainAuthority;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads test vectors (resources/vectors/bindings.txt): blocks of {@code name = value} lines, blank
 * line between blocks, {@code contact} repeatable. Builds the entry a block describes from its
 * input fields; the derived fields (key, payload, certificate, encoded, signature) are what an
 * implementation must produce.
 */
final class Vectors {

    static final HexFormat HEX = HexFormat.of();

    record Vector(Map<String, List<String>> fields) {
        String get(String name) {
            List<String> v = fields.get(name);
            if (v == null) throw new IllegalArgumentException("vector field missing: " + name);
            return v.get(0);
        }

        List<String> all(String name) {
            return fields.getOrDefault(name, List.of());
        }

        boolean has(String name) {
            return fields.containsKey(name);
        }

        byte[] hex(String name) {
            return HEX.parseHex(get(name));
        }
    }

    private Vectors() {}

    static List<Vector> load() throws IOException {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/bindings.txt")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static List<Vector> parse(String text) {
        List<Vector> out = new ArrayList<>();
        Map<String, List<String>> current = new LinkedHashMap<>();
        for (String raw : (text + "\n").split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("#")) continue;
            if (line.isEmpty()) {
                if (!current.isEmpty()) out.add(new Vector(current));
                current = new LinkedHashMap<>();
                continue;
            }
            int eq = line.indexOf('=');
            current.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
        }
        return out;
    }

    static NodeKeyPair owner(Vector v) {
        return NodeKeyPair.fromPrivateKey(v.hex("seed"));
    }

    /** The domain certificate a vector asks for, encoded; empty when none. */
    static byte[] certificate(Vector v) {
        if (!v.has("caSeed")) return new byte[0];
        var ca = new DomainAuthority(v.get("certDomain"), NodeKeyPair.fromPrivateKey(v.hex("caSeed")));
        long from = Long.parseLong(v.get("certValidFrom"));
        long until = Long.parseLong(v.get("certValidUntil"));
        String user = v.get("certUser");
        return (user.isEmpty() ? ca.certify(OwnerKey.of(owner(v)), from, until)
                : ca.certify(OwnerKey.of(owner(v)), user, from, until)).encode();
    }

    static Binding binding(Vector v) {
        List<BindingContact> contacts = new ArrayList<>();
        for (String c : v.all("contact")) {
            String[] p = c.split(" ");
            Transport t = Transport.valueOf(p[1]);
            var ip = Fixtures.ip(p[2]);
            int port = Integer.parseInt(p[3]);
            contacts.add(p[0].equals("direct") ? BindingContact.direct(t, ip, port) : BindingContact.viaRendezvous(NodeId.fromHex(p[4]), t, ip, port));
        }
        return new Binding(Aor.parse(v.get("aor")), NodeId.fromHex(v.get("device")), Reachability.valueOf(v.get("reachability")),
                Integer.parseInt(v.get("capabilities")), contacts);
    }

    /** Builds and signs the entry described by the input fields. */
    static SignedEntry build(Vector v) {
        NodeKeyPair owner = owner(v);
        long seq = Long.parseUnsignedLong(v.get("seq"));
        long issuedAt = Long.parseLong(v.get("issuedAt"));
        long expiresAt = Long.parseLong(v.get("expiresAt"));
        boolean tombstone = Boolean.parseBoolean(v.get("tombstone"));
        switch (EntryKind.valueOf(v.get("kind"))) {
            case BINDING:
                if (tombstone) {
                    return BindingEntries.tombstone(owner, Aor.parse(v.get("aor")), NodeId.fromHex(v.get("device")), seq, issuedAt, expiresAt, certificate(v));
                }
                return BindingEntries.sign(owner, binding(v), seq, issuedAt, expiresAt, certificate(v));
            case MAP_VALUE:
                byte[] value = tombstone ? new byte[0] : v.hex("value");
                NodeId slot = tombstone ? NodeId.fromHex(v.get("slot")) : NodeId.sha256Prefix(value);
                return SignedEntry.sign(owner, new EntryContent(EntryKind.MAP_VALUE, NodeId.fromHex(v.get("mapKey")), OwnerKey.of(owner),
                        slot, seq, issuedAt, expiresAt, tombstone, value, new byte[0]));
            default:
                throw new IllegalArgumentException(v.get("kind"));
        }
    }

    /** The derived lines for a block (used once to write the vectors file; kept for new vectors). */
    static String derived(Vector v) {
        SignedEntry e = build(v);
        var c = e.content();
        return "key = " + c.key().toHex() + "\nslot = " + c.slot().toHex() + "\nowner = " + c.owner().toHex()
                + "\npayload = " + HEX.formatHex(c.payload()) + "\ncertificate = " + HEX.formatHex(c.certificate())
                + "\nsignature = " + HEX.formatHex(e.signature()) + "\nencoded = " + HEX.formatHex(EntryCodec.encode(e)) + "\n";
    }

    static Binding decodeBinding(byte[] payload) throws EntryFormatException {
        return BindingCodec.decode(payload);
    }
}
