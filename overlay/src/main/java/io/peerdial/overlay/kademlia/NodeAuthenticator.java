package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;

/**
 * Proves this node's identity and checks other nodes' proofs (AUTH_CHALLENGE / AUTH_PROOF).
 *
 * <p>Real nodes use {@link #ed25519}. It is an interface so that the simulator can run the very
 * same protocol on 10^5–10^6 nodes with a stand-in whose cost is not the point of the experiment
 * (about 20 million Ed25519 operations for 10^5 nodes). Whatever stands in must keep the protocol's
 * meaning: only the holder of an identity can produce a proof for it.
 */
public interface NodeAuthenticator {

    NodeId nodeId();

    /** The 32-byte public key sent in AUTH_PROOF. */
    byte[] publicKey();

    /** The 64-byte proof for a challenge nonce. */
    byte[] prove(byte[] nonce);

    /** True if {@code publicKey} belongs to {@code claimed} and {@code signature} proves this nonce. */
    boolean verify(NodeId claimed, byte[] publicKey, byte[] nonce, byte[] signature);

    /** Ed25519 proofs with the node's key pair (docs/PROTOCOL.md, AUTH_PROOF). */
    static NodeAuthenticator ed25519(NodeKeyPair keys) {
        byte[] publicKey = keys.publicKey();
        return new NodeAuthenticator() {
            @Override public NodeId nodeId() { return keys.nodeId(); }
            @Override public byte[] publicKey() { return publicKey.clone(); }
            @Override public byte[] prove(byte[] nonce) { return NodeAuth.prove(keys, nonce); }
            @Override public boolean verify(NodeId claimed, byte[] key, byte[] nonce, byte[] signature) {
                return NodeAuth.verify(claimed, key, nonce, signature);
            }
        };
    }
}
