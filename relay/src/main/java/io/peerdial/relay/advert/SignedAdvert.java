package io.peerdial.relay.advert;

import java.util.Arrays;
import java.util.Objects;

/** A {@link RelayAdvert} with the relay's Ed25519 signature ({@link AdvertCodec}). */
public record SignedAdvert(RelayAdvert advert, byte[] signature) {
    public SignedAdvert {
        Objects.requireNonNull(advert, "advert");
        if (signature.length != 64) throw new IllegalArgumentException("an Ed25519 signature is 64 bytes");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedAdvert s && s.advert.equals(advert) && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
        return advert.hashCode() * 31 + Arrays.hashCode(signature);
    }
}
