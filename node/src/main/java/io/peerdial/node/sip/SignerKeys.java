package io.peerdial.node.sip;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The decoded public keys of the nodes whose signatures verified lately, by the key's hex form as it
 * appears in {@link NodeSignature#HEADER}. A node talks to few other nodes, each many times a second;
 * without this every request paid a hex decode, the SHA-256 of the key for the nodeid check and the
 * point decompression (RFC 8032 §5.1.3, about a tenth of a verification). A key enters only after a
 * signature made with it verified, so a flood of made-up keys costs the sender a valid signature each;
 * beyond {@code capacity} the table is emptied (a rare full refill, no per-hit bookkeeping). Thread-safe.
 */
public final class SignerKeys {

    /** A key known to hash to {@code nodeId}, decoded for verification. */
    record Known(NodeId nodeId, byte[] publicKey, Ed25519PublicKeyParameters key) {}

    private final int capacity;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    public SignerKeys(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
        this.capacity = capacity;
    }

    /** The cached key for its hex form, or null. */
    Known get(String keyHex) {
        return known.get(keyHex);
    }

    /**
     * Decodes {@code keyHex} and checks that it hashes to {@code nodeId}; null when it does not or
     * is not a curve point (never cached). Does not cache: see {@link #remember}.
     */
    static Known decode(String keyHex, NodeId nodeId) {
        byte[] raw;
        try {
            raw = HexFormat.of().parseHex(keyHex);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length != NodeKeyPair.PUBLIC_KEY_BYTES || !NodeKeyPair.nodeIdOf(raw).equals(nodeId)) return null;
        try {
            return new Known(nodeId, raw, new Ed25519PublicKeyParameters(raw, 0));
        } catch (IllegalArgumentException e) {
            return null; // not a point on the curve
        }
    }

    /** Keeps a key whose signature just verified. */
    void remember(String keyHex, Known key) {
        if (known.size() >= capacity) known.clear();
        known.putIfAbsent(keyHex, key);
    }

    public int size() {
        return known.size();
    }
}
