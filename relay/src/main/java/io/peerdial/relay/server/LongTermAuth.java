package io.peerdial.relay.server;

import io.peerdial.overlay.stun.MessageIntegrity;
import io.peerdial.overlay.stun.MessageIntegritySha256;
import io.peerdial.overlay.stun.Nonce;
import io.peerdial.overlay.stun.Realm;
import io.peerdial.overlay.stun.StunIntegrity;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.Username;
import io.peerdial.relay.server.Replies.Protection;

/** The server side of the long-term credential mechanism, RFC 8489 §9.2.4, in its order of checks. */
final class LongTermAuth {
    private final String realm;
    private final Credentials credentials;
    private final Nonces nonces;

    sealed interface Outcome {}

    /** The request is authentic; answer with {@code protection}. */
    record Verified(String username, Protection protection) implements Outcome {}

    /** Answer with {@code code}; a challenge (401, 438) carries REALM and a fresh NONCE. */
    record Rejected(int code, String reason, boolean challenge) implements Outcome {}

    LongTermAuth(String realm, Credentials credentials, Nonces nonces) {
        this.realm = realm;
        this.credentials = credentials;
        this.nonces = nonces;
    }

    /**
     * Checks {@code m}. {@code allocation}: the live allocation on the request's 5-tuple, or null.
     * A request on an existing allocation by its own user is verified with the key established at
     * its Allocate (RFC 8656 §5: later requests use the allocation's credentials), so a short-lived
     * credential's expiry bounds new allocations but does not cut a call short; the allocation's own
     * age cap ({@link TurnConfig#maxAllocationAgeMs}) bounds how long that key lives on.
     */
    Outcome check(long now, StunMessage m, byte[] raw, Allocation allocation) {
        boolean sha256 = m.first(MessageIntegritySha256.class).isPresent();
        if (!sha256 && m.first(MessageIntegrity.class).isEmpty()) {
            return new Rejected(401, "Unauthenticated", true);
        }
        var username = m.first(Username.class);
        var requestRealm = m.first(Realm.class);
        var nonce = m.first(Nonce.class);
        if (username.isEmpty() || requestRealm.isEmpty() || nonce.isEmpty()) {
            return new Rejected(400, "Bad Request: USERNAME, REALM and NONCE are required", false);
        }
        if (!nonces.isValid(nonce.get().value(), now)) {
            return new Rejected(438, "Stale Nonce", true);
        }
        String user = username.get().value();
        byte[] key;
        if (!requestRealm.get().value().equals(realm)) {
            key = null;
        } else if (allocation != null && allocation.key != null && allocation.username.equals(user)) {
            key = allocation.key;
        } else {
            key = credentials.key(now, user, realm);
        }
        boolean ok = key != null && (sha256 ? StunIntegrity.checkSha256(raw, key) : StunIntegrity.checkSha1(raw, key));
        if (!ok) { // unknown user, another realm or a bad HMAC: the same answer, so nothing leaks
            return new Rejected(401, "Unauthenticated", true);
        }
        return new Verified(user, new Protection(key, sha256));
    }

    Realm realm() {
        return new Realm(realm);
    }

    Nonce freshNonce(long now) {
        return new Nonce(nonces.issue(now));
    }
}
