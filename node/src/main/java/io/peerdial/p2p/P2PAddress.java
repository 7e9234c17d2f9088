package io.peerdial.p2p;

import io.peerdial.location.binding.Aor;
import java.util.Objects;
import java.util.Optional;

/**
 * The address of a P2P endpoint: a SIP address of record, normalised (e.g.
 * {@code sip:chat@ab12…xyz.peerdial}). Endpoints bind self-certifying addresses, whose host names the
 * fingerprint of the only key allowed to publish and to prove them; a connection to such an address is
 * verified against that key.
 *
 * @param aor the normalised AOR text
 */
public record P2PAddress(String aor) {

    public P2PAddress {
        Objects.requireNonNull(aor, "aor");
        aor = Aor.parse(aor).toString();
    }

    /** Parses {@code aor} ({@code sip:user@host}); an {@link IllegalArgumentException} if it is not one. */
    public static P2PAddress of(String aor) {
        return new P2PAddress(aor);
    }

    /** The key fingerprint of a self-certifying address, empty for any other. */
    public Optional<String> fingerprint() {
        return Aor.parse(aor).selfCertifyingFingerprint();
    }

    @Override
    public String toString() {
        return aor;
    }
}
