package io.peerdial.node.cli;

import io.peerdial.node.daemon.HostPort;
import io.peerdial.node.daemon.Role;
import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.trust.TrustAnchors;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters; their messages end up in "Invalid value for option '--x': MESSAGE". */
final class Converters {

    private Converters() {}

    static final class HostPortConverter implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            try {
                return HostPort.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code DOMAIN=CAKEYHEX}: a domain's CA public key (64 hex digits). */
    record TrustAnchor(String domain, OwnerKey key) {
        static TrustAnchors all(List<TrustAnchor> anchors) {
            Map<String, List<OwnerKey>> byDomain = new HashMap<>();
            for (TrustAnchor a : anchors) byDomain.computeIfAbsent(a.domain(), d -> new ArrayList<>()).add(a.key());
            return TrustAnchors.of(byDomain);
        }
    }

    static final class TrustAnchorConverter implements ITypeConverter<TrustAnchor> {
        @Override
        public TrustAnchor convert(String value) {
            int eq = value.indexOf('=');
            if (eq <= 0) throw new TypeConversionException("expected DOMAIN=CAKEYHEX (e.g. example.org=<64 hex digits>), got '" + value + "'");
            try {
                String domain = Aor.parse("x@" + value.substring(0, eq)).host();
                return new TrustAnchor(domain, ownerKey(value.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class OwnerKeyConverter implements ITypeConverter<OwnerKey> {
        @Override
        public OwnerKey convert(String value) {
            try {
                return ownerKey(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class AorConverter implements ITypeConverter<Aor> {
        @Override
        public Aor convert(String value) {
            try {
                return Aor.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("not an AOR (e.g. sip:alice@example.org): " + e.getMessage());
            }
        }
    }

    static OwnerKey ownerKey(String hex) {
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("expected an Ed25519 public key as 64 hex digits, got '" + hex + "'");
        }
        return OwnerKey.of(HexFormat.of().parseHex(hex));
    }

    static final class RoleConverter implements ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class OverlayTransportConverter implements ITypeConverter<io.peerdial.node.daemon.OverlayTransport> {
        @Override
        public io.peerdial.node.daemon.OverlayTransport convert(String value) {
            try {
                return io.peerdial.node.daemon.OverlayTransport.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
