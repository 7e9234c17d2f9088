package io.peerdial.simulator.auth;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.NodeAuthenticator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulator's stand-in for Ed25519 node identities (see {@link NodeAuthenticator}): the same
 * protocol runs (AUTH_CHALLENGE / AUTH_PROOF, NodeId = first 160 bits of SHA-256(public key)),
 * but a "signature" costs one SHA-256 instead of an Ed25519 sign/verify.
 *
 * <p>Each identity has a 128-bit secret. Its public key is SHA-256("peerdial-sim-pk" || secret)
 * and its NodeId is derived from that key exactly like a real one. A proof of a nonce is
 * SHA-256("peerdial-sim-proof" || secret || nonce || NodeId), padded with zeros to the 64 bytes of
 * an Ed25519 signature. The registry, kept by the simulator and never reachable through the wire,
 * plays the role of the mathematics of signatures: a verifier asks it for the claimed identity's
 * secret and recomputes the proof. So, as with Ed25519, only the holder of an identity (the one
 * {@link NodeAuthenticator} built for it) can produce a proof that verifies: a node that merely
 * knows another's public key cannot, because the secret never leaves the registry.
 *
 * <p>Threads: {@link #create} and {@link #forget} run on the engine's single-threaded step, while
 * no partition runs; proofs and checks run on the partitions' threads at once, so each thread has
 * its own digest and the registry is only read then.
 */
public final class SimIdentities {

    private static final byte[] PK_DOMAIN = "peerdial-sim-pk".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] PROOF_DOMAIN = "peerdial-sim-proof".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The registry: each identity's holder, which carries the secret. */
    private final Map<NodeId, Holder> secrets = new HashMap<>();
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(SimIdentities::newDigest);

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** A new identity with a secret drawn from {@code random}. */
    public NodeAuthenticator create(SplittableRandom random) {
        long secretHi = random.nextLong();
        long secretLo = random.nextLong();
        MessageDigest d = sha256.get();
        d.update(PK_DOMAIN);
        d.update(secretBytes(secretHi, secretLo));
        byte[] publicKey = d.digest();
        NodeId id = NodeKeyPair.nodeIdOf(publicKey);
        Holder h = new Holder(id, publicKey, secretHi, secretLo);
        secrets.put(id, h);
        return h;
    }

    /** Forgets an identity for good (its node left and will not come back). */
    public void forget(NodeId id) {
        secrets.remove(id);
    }

    public int size() {
        return secrets.size();
    }

    private byte[] proof(Holder holder, byte[] nonce, NodeId id) {
        MessageDigest d = sha256.get();
        d.update(PROOF_DOMAIN);
        d.update(secretBytes(holder.secretHi, holder.secretLo));
        d.update(nonce);
        d.update(id.toBytes());
        return Arrays.copyOf(d.digest(), NodeKeyPair.SIGNATURE_BYTES);
    }

    private static byte[] secretBytes(long hi, long lo) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }

    private boolean verify(NodeId claimed, byte[] publicKey, byte[] nonce, byte[] signature) {
        // NodeKeyPair.nodeIdOf's rule (first 160 bits of SHA-256), with this thread's digest instead of a new one per call
        if (publicKey.length != NodeKeyPair.PUBLIC_KEY_BYTES || !NodeId.fromBytes(sha256.get().digest(publicKey), 0).equals(claimed)) {
            return false;
        }
        Holder holder = secrets.get(claimed);
        return holder != null && MessageDigest.isEqual(proof(holder, nonce, claimed), signature);
    }

    /** What one node holds: its own secret, used only to prove (and, in the registry, to verify). */
    private final class Holder implements NodeAuthenticator {
        private final NodeId id;
        private final byte[] publicKey;
        private final long secretHi;
        private final long secretLo;

        Holder(NodeId id, byte[] publicKey, long secretHi, long secretLo) {
            this.id = id;
            this.publicKey = publicKey;
            this.secretHi = secretHi;
            this.secretLo = secretLo;
        }

        @Override public NodeId nodeId() { return id; }
        @Override public byte[] publicKey() { return publicKey.clone(); }
        @Override public byte[] prove(byte[] nonce) { return proof(this, nonce, id); }
        @Override public boolean verify(NodeId claimed, byte[] key, byte[] nonce, byte[] signature) {
            return SimIdentities.this.verify(claimed, key, nonce, signature);
        }
    }
}
