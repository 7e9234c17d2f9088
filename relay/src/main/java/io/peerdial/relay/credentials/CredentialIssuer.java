package io.peerdial.relay.credentials;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.relay.credentials.CredentialException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The relay side of the credential exchange, sans-IO: checks a (signature-verified) request and
 * answers with a grant whose password only the requester can unseal. Requests must name this
 * relay and carry a time within {@code maxSkewMs} of the relay's clock; a (requester, nonce) pair
 * is answered once, remembered for twice the skew (after which the time check refuses it anyway).
 */
public final class CredentialIssuer {
    private final NodeKeyPair relayKey;
    private final TurnRestCredentials credentials;
    private final String realm;
    private final long maxLifetimeMs;
    private final long maxSkewMs;
    private final int maxRemembered;
    private final RandomGenerator random;
    private final Set<Seen> seen = new HashSet<>();
    private final ArrayDeque<Seen> byExpiry = new ArrayDeque<>(); // now is monotonic, so insertion order = expiry order

    private record Seen(NodeId requester, long nonce, long forgetAt) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Seen s && s.requester.equals(requester) && s.nonce == nonce;
        }

        @Override
        public int hashCode() {
            return requester.hashCode() * 31 + Long.hashCode(nonce);
        }
    }

    public CredentialIssuer(NodeKeyPair relayKey, TurnRestCredentials credentials, String realm, long maxLifetimeMs,
                            long maxSkewMs, int maxRemembered, RandomGenerator random) {
        this.relayKey = Objects.requireNonNull(relayKey, "relayKey");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.realm = Objects.requireNonNull(realm, "realm");
        this.random = Objects.requireNonNull(random, "random");
        if (maxLifetimeMs < 1000 || maxSkewMs < 0 || maxRemembered <= 0) throw new IllegalArgumentException("bad limits");
        this.maxLifetimeMs = maxLifetimeMs;
        this.maxSkewMs = maxSkewMs;
        this.maxRemembered = maxRemembered;
    }

    /** 10-minute credentials, 60 s skew, 100 000 remembered nonces. */
    public static CredentialIssuer defaults(NodeKeyPair relayKey, TurnRestCredentials credentials, String realm,
                                            RandomGenerator random) {
        return new CredentialIssuer(relayKey, credentials, realm, 600_000, 60_000, 100_000, random);
    }

    public CredentialGrant issue(long now, CredentialRequest request) throws CredentialException {
        if (!request.relay().equals(relayKey.nodeId())) {
            throw new CredentialException(Reason.WRONG_RELAY, "request for " + request.relay().shortHex());
        }
        if (Math.abs(request.requestedAt() - now) > maxSkewMs) {
            throw new CredentialException(Reason.STALE, "requested at " + request.requestedAt() + ", now " + now);
        }
        forget(now);
        NodeId requester = request.requester().id();
        Seen s = new Seen(requester, request.nonce(), now + 2 * maxSkewMs);
        if (seen.contains(s)) {
            throw new CredentialException(Reason.REPLAYED, "nonce " + request.nonce() + " of " + requester.shortHex());
        }
        if (seen.size() >= maxRemembered) {
            throw new CredentialException(Reason.BUSY, "too many requests in the last " + 2 * maxSkewMs + " ms");
        }
        seen.add(s);
        byExpiry.add(s);

        long lifetime = Math.min(request.lifetimeSeconds() * 1000, maxLifetimeMs);
        TurnUsername username = new TurnUsername((now + lifetime) / 1000, requester);
        byte[] password = credentials.password(username.toString()).getBytes(StandardCharsets.US_ASCII);
        byte[] ephemeral = Sealing.newPrivateKey(random);
        byte[] sealed = Sealing.apply(ephemeral, request.ephemeralKey(), request.nonce(), requester, relayKey.nodeId(), password);
        CredentialGrant unsigned = new CredentialGrant(OwnerKey.of(relayKey), requester, request.nonce(),
                Sealing.publicKey(ephemeral), username.expiresAtMs(), realm, username.toString(), sealed, new byte[64]);
        return CredentialCodec.signGrant(relayKey, unsigned);
    }

    private void forget(long now) {
        for (Seen s; (s = byExpiry.peek()) != null && s.forgetAt <= now; ) {
            byExpiry.poll();
            seen.remove(s);
        }
    }
}
