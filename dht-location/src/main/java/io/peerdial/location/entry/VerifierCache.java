package io.peerdial.location.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Verifies entry signatures, keeping the decoded public points (RFC 8032 §5.1.3 decompression) of
 * the most recently seen owners: owners republish every few minutes, and decoding a point costs
 * about a tenth of a verification. Bounded (least recently used owner forgotten); not thread-safe.
 */
public final class VerifierCache {

    private static final Ed25519PublicKeyParameters INVALID = null;

    private final Map<OwnerKey, Ed25519PublicKeyParameters> keys;

    public VerifierCache(int maxOwners) {
        if (maxOwners < 1) throw new IllegalArgumentException("maxOwners < 1");
        this.keys = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<OwnerKey, Ed25519PublicKeyParameters> eldest) {
                return size() > maxOwners;
            }
        };
    }

    /** Same answer as {@link SignedEntry#verifySignature()}. Never throws. */
    public boolean verify(SignedEntry entry) {
        OwnerKey owner = entry.content().owner();
        Ed25519PublicKeyParameters key = keys.get(owner);
        if (key == INVALID) {
            try {
                key = new Ed25519PublicKeyParameters(owner.unsafeBytes(), 0);
            } catch (IllegalArgumentException e) {
                return false; // not a point on the curve; not cached, peers could flood the cache with such keys
            }
            keys.put(owner, key);
        }
        return entry.verifySignature(key);
    }

    public int size() {
        return keys.size();
    }
}
