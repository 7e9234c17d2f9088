package io.peerdial.relay.server;

import io.peerdial.overlay.stun.StunIntegrity;
import java.util.HashMap;
import java.util.Map;

/**
 * Long-term credentials (RFC 8489 §9.2): the key for a username in the server's realm, or null for
 * an unknown user. The overlay will plug in short-lived credentials here; the standalone relay uses
 * {@link #of static} ones.
 */
@FunctionalInterface
public interface Credentials {

    /** MD5(username ":" realm ":" password) (RFC 8489 §9.2.2), or null if the user is unknown. */
    byte[] key(String username, String realm);

    /**
     * The key at time {@code now} (ms): short-lived credentials expire (docs/INCENTIVES.md). The
     * core calls this one; static credentials ignore the time.
     */
    default byte[] key(long now, String username, String realm) {
        return key(username, realm);
    }

    /** Static user → password pairs; keys are computed once per user and realm. */
    static Credentials of(Map<String, String> passwords) {
        Map<String, String> copy = Map.copyOf(passwords);
        Map<String, byte[]> keys = new HashMap<>();
        return (username, realm) -> {
            String password = copy.get(username);
            if (password == null) {
                return null;
            }
            return keys.computeIfAbsent(username + '\u0000' + realm, k -> StunIntegrity.longTermKey(username, realm, password)).clone();
        };
    }
}
