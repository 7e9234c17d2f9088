package io.peerdial.relay.credentials;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.relay.credentials.CredentialException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The requester's side of the credential exchange, sans-IO: {@link #request} builds a signed
 * request (fresh nonce and X25519 key from the injected generator) that the driver sends to the
 * relay over the overlay; {@link #accept} checks the grant (from that relay's key, for us, for a
 * pending nonce, not expired, a username that names us) and unseals the password. Pending
 * requests are dropped after {@code timeoutMs} ({@link #expire}).
 */
public final class CredentialClient {
    private final NodeKeyPair self;
    private final RandomGenerator random;
    private final long timeoutMs;
    private final Map<Long, Pending> pending = new HashMap<>();

    private record Pending(NodeId relay, byte[] ephemeralPrivate, long sentAt) {}

    public CredentialClient(NodeKeyPair self, RandomGenerator random, long timeoutMs) {
        this.self = Objects.requireNonNull(self, "self");
        this.random = Objects.requireNonNull(random, "random");
        if (timeoutMs <= 0) throw new IllegalArgumentException("timeout must be > 0");
        this.timeoutMs = timeoutMs;
    }

    public CredentialRequest request(long now, NodeId relay, long lifetimeSeconds) {
        long nonce;
        do {
            nonce = random.nextLong();
        } while (pending.containsKey(nonce));
        byte[] ephemeral = Sealing.newPrivateKey(random);
        pending.put(nonce, new Pending(relay, ephemeral, now));
        return CredentialCodec.signRequest(self, relay, now, nonce, Sealing.publicKey(ephemeral), lifetimeSeconds);
    }

    public TurnCredential accept(long now, CredentialGrant grant) throws CredentialException {
        Pending p = pending.get(grant.nonce());
        if (p == null || !grant.requester().equals(self.nodeId())) {
            throw new CredentialException(Reason.UNEXPECTED, "no pending request with nonce " + grant.nonce());
        }
        if (!grant.relay().id().equals(p.relay)) {
            throw new CredentialException(Reason.WRONG_RELAY, "grant signed by " + grant.relay().id().shortHex()
                    + ", asked " + p.relay.shortHex());
        }
        var username = TurnUsername.parse(grant.username());
        if (username.isEmpty() || !username.get().node().equals(self.nodeId())
                || username.get().expiresAtSeconds() > Long.MAX_VALUE / 1000 || username.get().expiresAtMs() != grant.expiresAt()) {
            throw new CredentialException(Reason.UNEXPECTED, "username " + grant.username() + " is not ours");
        }
        if (grant.expiresAt() <= now) {
            throw new CredentialException(Reason.EXPIRED, "expired at " + grant.expiresAt());
        }
        pending.remove(grant.nonce());
        byte[] password = Sealing.apply(p.ephemeralPrivate, grant.ephemeralKey(), grant.nonce(), self.nodeId(), p.relay,
                grant.sealedPassword());
        return new TurnCredential(p.relay, grant.realm(), grant.username(), new String(password, StandardCharsets.US_ASCII),
                grant.expiresAt());
    }

    /** Forgets requests unanswered for {@code timeoutMs}; returns how many. */
    public int expire(long now) {
        int before = pending.size();
        pending.values().removeIf(p -> now - p.sentAt >= timeoutMs);
        return before - pending.size();
    }

    public int pendingCount() {
        return pending.size();
    }
}
