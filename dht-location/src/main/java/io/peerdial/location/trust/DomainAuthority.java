package io.peerdial.location.trust;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A domain's certificate authority: an Ed25519 key that certifies user keys for its domain. Its
 * public key is the trust anchor nodes configure for that domain ({@link TrustAnchors}).
 */
public final class DomainAuthority {

    private final String domain;
    private final NodeKeyPair caKey;

    public DomainAuthority(String domain, NodeKeyPair caKey) {
        this.domain = Aor.parse("x@" + Objects.requireNonNull(domain, "domain")).host();
        this.caKey = Objects.requireNonNull(caKey, "caKey");
    }

    /** A new CA for {@code domain}; the daemon passes a SecureRandom. */
    public static DomainAuthority create(String domain, RandomGenerator random) {
        return new DomainAuthority(domain, NodeKeyPair.generate(random));
    }

    public String domain() {
        return domain;
    }

    /** The public key to configure as this domain's trust anchor. */
    public OwnerKey anchor() {
        return OwnerKey.of(caKey);
    }

    public NodeKeyPair keyPair() {
        return caKey;
    }

    /** Certifies {@code user} for every name of the domain. */
    public DomainCertificate certify(OwnerKey user, long validFrom, long validUntil) {
        return DomainCertificate.sign(caKey, domain, "", user, validFrom, validUntil);
    }

    /** Certifies {@code user} for the one AOR {@code name@domain}. */
    public DomainCertificate certify(OwnerKey user, String name, long validFrom, long validUntil) {
        String normalised = Aor.parse(name + "@" + domain).user();
        return DomainCertificate.sign(caKey, domain, normalised, user, validFrom, validUntil);
    }
}
