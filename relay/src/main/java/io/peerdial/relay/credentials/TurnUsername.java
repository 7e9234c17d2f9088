package io.peerdial.relay.credentials;

import io.peerdial.overlay.identity.NodeId;
import java.util.Optional;

/**
 * The TURN username of a short-lived credential, in the TURN REST API style
 * (draft-uberti-behave-turn-rest-00 §2.2, as coturn's {@code use-auth-secret}): "EXPIRY:NODEID",
 * EXPIRY in Unix seconds, NODEID the requester's 40 hex digits. The relay learns who is asking
 * from the username alone, so the TURN core needs no state per credential.
 */
public record TurnUsername(long expiresAtSeconds, NodeId node) {

    public TurnUsername {
        if (expiresAtSeconds < 0) throw new IllegalArgumentException("expiry must be >= 0");
    }

    public static Optional<TurnUsername> parse(String username) {
        int colon = username.indexOf(':');
        if (colon < 1 || colon > 19 || username.length() != colon + 1 + 2 * NodeId.BYTES) {
            return Optional.empty();
        }
        try {
            String digits = username.substring(0, colon);
            if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) return Optional.empty();
            String hex = username.substring(colon + 1);
            if (!hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return Optional.empty();
            return Optional.of(new TurnUsername(Long.parseLong(digits), NodeId.fromHex(hex)));
        } catch (RuntimeException e) { // too many digits for a long
            return Optional.empty();
        }
    }

    public long expiresAtMs() {
        return Math.multiplyExact(expiresAtSeconds, 1000L);
    }

    @Override
    public String toString() {
        return expiresAtSeconds + ":" + node.toHex();
    }
}
