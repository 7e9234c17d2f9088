package io.peerdial.location.trust;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.EntryFormatException;
import io.peerdial.location.entry.OwnerKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Configured domain CA keys: domain (lower case) to the CA public keys trusted for it. Immutable. */
public final class TrustAnchors {

    private static final TrustAnchors NONE = new TrustAnchors(Map.of());

    private final Map<String, Set<OwnerKey>> anchors;

    private TrustAnchors(Map<String, Set<OwnerKey>> anchors) {
        this.anchors = anchors;
    }

    public static TrustAnchors none() {
        return NONE;
    }

    public static TrustAnchors of(Map<String, ? extends Iterable<OwnerKey>> anchors) {
        Map<String, Set<OwnerKey>> copy = new HashMap<>();
        anchors.forEach((domain, keys) -> {
            String host = Aor.parse("x@" + domain).host();
            Set<OwnerKey> set = Set.copyOf(toList(keys));
            if (!set.isEmpty()) copy.put(host, set);
        });
        return new TrustAnchors(Map.copyOf(copy));
    }

    public static TrustAnchors of(String domain, OwnerKey caKey) {
        return of(Map.of(domain, List.of(caKey)));
    }

    private static List<OwnerKey> toList(Iterable<OwnerKey> keys) {
        var list = new java.util.ArrayList<OwnerKey>();
        keys.forEach(list::add);
        return list;
    }

    public boolean governs(Aor aor) {
        return anchors.containsKey(aor.host());
    }

    /**
     * Why {@code owner} may not publish under {@code aor} with {@code certificate} (empty for none),
     * or {@code null} if the AOR's domain has no anchor or the certificate is valid at {@code now}.
     */
    public String refusal(Aor aor, OwnerKey owner, byte[] certificate, long now) {
        Set<OwnerKey> cas = anchors.get(aor.host());
        if (cas == null) return null;
        if (certificate.length == 0) return "domain " + aor.host() + " requires a certificate from its CA";
        DomainCertificate cert;
        try {
            cert = DomainCertificate.decode(certificate);
        } catch (EntryFormatException e) {
            return "bad domain certificate: " + e.getMessage();
        }
        if (!cert.covers(aor, owner, now)) {
            return "certificate for " + (cert.user().isEmpty() ? "*" : cert.user()) + "@" + cert.domain()
                    + " does not cover this owner and AOR at " + now + " (valid [" + cert.validFrom() + ", " + cert.validUntil() + "))";
        }
        for (OwnerKey ca : cas) if (cert.verify(ca)) return null;
        return "certificate not signed by a trusted CA of " + aor.host();
    }
}
