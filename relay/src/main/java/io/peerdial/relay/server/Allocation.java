package io.peerdial.relay.server;

import io.peerdial.overlay.stun.TransactionId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One allocation (RFC 8656 §2, §7): its 5-tuple, relayed address, owner, lifetime, permissions
 * (§9) and channel bindings (§12), with the traffic counters. Mutable; owned by {@link TurnServer}.
 */
final class Allocation {
    final FiveTuple fiveTuple;
    final InetSocketAddress relayed;
    final String username;
    /** The long-term key the Allocate was verified with; later requests on the allocation use it (RFC 8656 §5). */
    final byte[] key;
    /** When the allocation was created; it ends at {@code createdAt + maxAllocationAgeMs} whatever the refreshes. */
    final long createdAt;
    final TokenBucket bandwidth;
    /** Transaction ID and success response of the Allocate, for retransmissions (§7.2). */
    final TransactionId allocateTransaction;
    byte[] allocateResponse;
    long expiresAt;
    boolean closed;

    /** Peer IP → permission expiry (§9: permissions are per IP address, ports ignored). */
    private final Map<InetAddress, Long> permissions = new HashMap<>();
    private final Map<Integer, Channel> channelsByNumber = new HashMap<>();
    private final Map<InetSocketAddress, Channel> channelsByPeer = new HashMap<>();

    long bytesToPeers;
    long bytesToClient;

    /** A channel binding; after {@code expiresAt} it may only be renewed to the same peer until the quarantine ends. */
    static final class Channel {
        final int number;
        final InetSocketAddress peer;
        long expiresAt;

        Channel(int number, InetSocketAddress peer, long expiresAt) {
            this.number = number;
            this.peer = peer;
            this.expiresAt = expiresAt;
        }
    }

    Allocation(FiveTuple fiveTuple, InetSocketAddress relayed, String username, byte[] key, long createdAt,
               TransactionId allocateTransaction, long expiresAt, TokenBucket bandwidth) {
        this.fiveTuple = fiveTuple;
        this.relayed = relayed;
        this.username = username;
        this.key = key;
        this.createdAt = createdAt;
        this.allocateTransaction = allocateTransaction;
        this.expiresAt = expiresAt;
        this.bandwidth = bandwidth;
    }

    boolean hasPermission(InetAddress peer, long now) {
        Long until = permissions.get(peer);
        return until != null && now < until;
    }

    void installPermission(InetAddress peer, long until) {
        permissions.put(peer, until);
    }

    /** The channel bound to {@code peer} and not expired, or null. */
    Channel activeChannelTo(InetSocketAddress peer, long now) {
        Channel c = channelsByPeer.get(peer);
        return c != null && now < c.expiresAt ? c : null;
    }

    /** The channel with {@code number} and not expired, or null. */
    Channel activeChannel(int number, long now) {
        Channel c = channelsByNumber.get(number);
        return c != null && now < c.expiresAt ? c : null;
    }

    /**
     * Whether {@code number} may be bound to {@code peer} (RFC 8656 §11.2): neither may be bound,
     * or still quarantined, to something else.
     */
    boolean canBind(int number, InetSocketAddress peer, long now, long quarantineMs) {
        Channel byNumber = channelsByNumber.get(number);
        if (byNumber != null && now < byNumber.expiresAt + quarantineMs && !byNumber.peer.equals(peer)) {
            return false;
        }
        Channel byPeer = channelsByPeer.get(peer);
        return byPeer == null || now >= byPeer.expiresAt + quarantineMs || byPeer.number == number;
    }

    void bind(int number, InetSocketAddress peer, long until) {
        Channel existing = channelsByNumber.get(number);
        if (existing != null && existing.peer.equals(peer)) {
            existing.expiresAt = until;
            return;
        }
        removeChannel(existing);
        removeChannel(channelsByPeer.get(peer));
        Channel c = new Channel(number, peer, until);
        channelsByNumber.put(number, c);
        channelsByPeer.put(peer, c);
    }

    /** Forgets permissions and channels that ended before {@code now} (channels after their quarantine). */
    void prune(long now, long quarantineMs) {
        permissions.values().removeIf(until -> until <= now);
        for (Iterator<Channel> it = channelsByNumber.values().iterator(); it.hasNext(); ) {
            Channel c = it.next();
            if (now >= c.expiresAt + quarantineMs) {
                it.remove();
                channelsByPeer.remove(c.peer);
            }
        }
    }

    int permissionCount() {
        return permissions.size();
    }

    private void removeChannel(Channel c) {
        if (c != null) {
            channelsByNumber.remove(c.number);
            channelsByPeer.remove(c.peer);
        }
    }
}
