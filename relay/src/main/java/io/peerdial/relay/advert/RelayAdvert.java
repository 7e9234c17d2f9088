package io.peerdial.relay.advert;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A super-node's offer to relay, published in the DHT ({@link AdvertDirectory}).
 *
 * @param relay          the relay's node key (Ed25519); it signs the advert
 * @param turn           where its TURN server listens (UDP, and TCP when {@code tcp})
 * @param sessionsLeft   sessions it will still admit under its operator cap
 * @param bytesPerSecondLeft bandwidth it will still give
 * @param loadPermille   current utilisation, 0-1000
 * @param region         coarse region label the operator chose ("eu", "any"), at most 32 ASCII characters
 * @param issuedAt       ms; readers ignore adverts older than their limit
 */
public record RelayAdvert(OwnerKey relay, InetSocketAddress turn, boolean tcp, long sessionsLeft, long bytesPerSecondLeft,
                          int loadPermille, String region, long issuedAt) {

    public RelayAdvert {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(turn, "turn");
        Objects.requireNonNull(region, "region");
        if (sessionsLeft < 0 || sessionsLeft > 0xFFFF_FFFFL || bytesPerSecondLeft < 0 || loadPermille < 0 || loadPermille > 1000
                || issuedAt < 0) {
            throw new IllegalArgumentException("advert field out of range");
        }
    }

    public NodeId relayId() {
        return relay.id();
    }

    public boolean hasCapacity(long bytesPerSecondNeeded) {
        return sessionsLeft > 0 && bytesPerSecondLeft >= bytesPerSecondNeeded;
    }
}
