package io.peerdial.relay.credentials;

import io.peerdial.overlay.identity.NodeId;
import java.util.Objects;

/** Long-term credentials (RFC 8489 §9.2) for one relay, good until {@code expiresAt} (ms). */
public record TurnCredential(NodeId relay, String realm, String username, String password, long expiresAt) {
    public TurnCredential {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** When to ask for the next one: {@code marginMs} before expiry (allocations refresh with it). */
    public long renewAt(long marginMs) {
        return expiresAt - marginMs;
    }

    @Override
    public String toString() { // never print the password
        return "TurnCredential[" + username + "@" + realm + ", relay " + relay.shortHex() + "]";
    }
}
