package io.peerdial.location.trust;

import static io.peerdial.location.Fixtures.HOUR;
import static io.peerdial.location.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.Fixtures;
import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.EntryFormatException;
import io.peerdial.location.entry.OwnerKey;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrustPolicyTest {

    private final OwnerKey alice = OwnerKey.of(Fixtures.key(1));
    private final OwnerKey mallory = OwnerKey.of(Fixtures.key(2));
    private final Aor aor = Aor.parse("alice@example.org");
    private final DomainAuthority ca = DomainAuthority.create("Example.ORG", new SplittableRandom(3));

    @Test
    void trustOnFirstUsePinsTheOnlyOwner() {
        PinSet pins = new PinSet();
        TrustPolicy policy = new TrustPolicy(TrustAnchors.none(), pins);
        assertThat(policy.evaluate(T0, aor, alice, new byte[0])).isEqualTo(TrustLevel.UNPINNED);
        assertThat(policy.pinOnFirstUse(aor, List.of(alice, mallory))).isEmpty();
        assertThat(policy.pinOnFirstUse(aor, List.of(alice, alice))).contains(alice);
        assertThat(policy.evaluate(T0, aor, alice, new byte[0])).isEqualTo(TrustLevel.PINNED);
        assertThat(policy.evaluate(T0, aor, mallory, new byte[0])).isEqualTo(TrustLevel.PIN_MISMATCH);
        assertThat(policy.accepts(TrustLevel.PIN_MISMATCH)).isFalse();
        assertThat(policy.pinOnFirstUse(aor, List.of(mallory))).as("never re-pins").isEmpty();
        pins.unpin(aor);
        assertThat(policy.evaluate(T0, aor, mallory, new byte[0])).isEqualTo(TrustLevel.UNPINNED);
    }

    @Test
    void domainCertificateRoundTripsAndCovers() throws Exception {
        DomainCertificate cert = ca.certify(alice, "alice", T0, T0 + HOUR);
        assertThat(ca.domain()).isEqualTo("example.org");
        byte[] bytes = cert.encode();
        DomainCertificate back = DomainCertificate.decode(bytes);
        assertThat(back).isEqualTo(cert);
        assertThat(back.encode()).isEqualTo(bytes);
        assertThat(back.verify(ca.anchor())).isTrue();
        assertThat(back.verify(mallory)).isFalse();
        assertThat(cert.covers(aor, alice, T0)).isTrue();
        assertThat(cert.covers(aor, alice, T0 + HOUR)).as("validUntil exclusive").isFalse();
        assertThat(cert.covers(aor, alice, T0 - 1)).isFalse();
        assertThat(cert.covers(aor, mallory, T0)).isFalse();
        assertThat(cert.covers(Aor.parse("bob@example.org"), alice, T0)).as("bound to one user name").isFalse();
        assertThat(ca.certify(alice, T0, T0 + HOUR).covers(Aor.parse("bob@example.org"), alice, T0)).isTrue();
        bytes[bytes.length - 1] ^= 1;
        assertThat(DomainCertificate.decode(bytes).verify(ca.anchor())).isFalse();
        assertThatThrownBy(() -> DomainCertificate.decode(java.util.Arrays.copyOf(cert.encode(), 20)))
                .isInstanceOfSatisfying(EntryFormatException.class, e -> assertThat(e.reason()).isEqualTo(EntryFormatException.Reason.TRUNCATED));
    }

    @Test
    void anchoredDomainNeedsValidCertificate() {
        TrustPolicy policy = new TrustPolicy(TrustAnchors.of("example.org", ca.anchor()), new PinSet());
        assertThat(policy.evaluate(T0, aor, alice, new byte[0])).isEqualTo(TrustLevel.UNTRUSTED_DOMAIN);
        assertThat(policy.evaluate(T0, aor, alice, ca.certify(alice, T0, T0 + HOUR).encode())).isEqualTo(TrustLevel.DOMAIN);
        assertThat(policy.evaluate(T0 + HOUR, aor, alice, ca.certify(alice, T0, T0 + HOUR).encode())).isEqualTo(TrustLevel.UNTRUSTED_DOMAIN);
        assertThat(policy.evaluate(T0, aor, alice, new byte[] {1, 2, 3})).isEqualTo(TrustLevel.UNTRUSTED_DOMAIN);
        assertThat(policy.evaluate(T0, Aor.parse("x@other.org"), alice, new byte[0])).isEqualTo(TrustLevel.UNPINNED);
    }

    @Test
    void selfCertifyingBeatsEverything() {
        Aor self = Aor.selfCertifying("a", alice);
        PinSet pins = new PinSet();
        pins.pin(self, mallory);
        TrustPolicy policy = new TrustPolicy(TrustAnchors.none(), pins);
        assertThat(policy.evaluate(T0, self, alice, new byte[0])).isEqualTo(TrustLevel.SELF_CERTIFIED);
        assertThat(policy.evaluate(T0, self, mallory, new byte[0])).isEqualTo(TrustLevel.FINGERPRINT_MISMATCH);
    }
}
