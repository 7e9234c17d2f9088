package io.peerdial.location.map;

import io.peerdial.location.entry.OwnerKey;

/** A verified map value with who published it, its seq and when it expires. */
public record MapValue(OwnerKey owner, byte[] value, long seq, long expiresAt) {

    public MapValue {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }
}
