package io.peerdial.location;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.Binding;
import io.peerdial.location.binding.BindingContact;
import io.peerdial.location.binding.BindingContact.Transport;
import io.peerdial.location.binding.Capability;
import io.peerdial.location.binding.Reachability;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Deterministic keys and bindings for tests. */
public final class Fixtures {

    public static final long T0 = 1_700_000_000_000L;
    public static final long HOUR = 3600_000L;

    private Fixtures() {}

    /** A key pair whose RFC 8032 seed is 32 bytes of {@code b}. */
    public static NodeKeyPair key(int b) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) b);
        return NodeKeyPair.fromPrivateKey(seed);
    }

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByAddress(InetAddress.getByName(literal).getAddress()); // literals only: no lookup
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    public static Binding binding(Aor aor, NodeId device) {
        return new Binding(aor, device, Reachability.CONE, Capability.setOf(Capability.MEDIA_RELAY), List.of(
                BindingContact.direct(Transport.UDP, ip("192.0.2.10"), 5062),
                BindingContact.viaRendezvous(NodeId.sha256Prefix(new byte[] {7}), Transport.UDP, ip("198.51.100.7"), 4000)));
    }
}
