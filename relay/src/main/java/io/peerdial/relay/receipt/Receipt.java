package io.peerdial.relay.receipt;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeId;
import java.util.Objects;

/**
 * What a relayed client attests: relay {@code relay} has relayed, in session {@code session},
 * {@code bytesToPeers} application bytes from the client to its peers and {@code bytesToClient}
 * from peers to the client, counted from the start of the session until {@code issuedAt} (ms).
 * Cumulative: each receipt of a session replaces the previous one, never adds to it.
 *
 * @param client the signer's Ed25519 public key; its NodeId is the debtor of these bytes
 */
public record Receipt(NodeId relay, OwnerKey client, SessionId session, long bytesToPeers, long bytesToClient,
                      long issuedAt) {

    public Receipt {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(session, "session");
        if (bytesToPeers < 0 || bytesToClient < 0 || issuedAt < 0) {
            throw new IllegalArgumentException("counts and time must be >= 0");
        }
    }

    public NodeId clientId() {
        return client.id();
    }

    /** Both directions: what the relay spent on the client. */
    public long totalBytes() {
        return saturatedAdd(bytesToPeers, bytesToClient);
    }

    static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /** True when this receipt covers at least what {@code older} covers: the cumulative rule. */
    public boolean covers(Receipt older) {
        return bytesToPeers >= older.bytesToPeers && bytesToClient >= older.bytesToClient;
    }
}
