package io.peerdial.node.relay;

import io.peerdial.node.media.ice.TurnServer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The relay credentials handed to ICE as {@link TurnServer}s, so that an allocation reported by
 * {@code IceSession.relayUsage()} (which names only its TURN server) can be traced back to the relay
 * that must get its receipts ({@link RelayReceiptTracker}). Kept until {@link #RETAIN_AFTER_EXPIRY_MS}
 * after the credential expires (an allocation is looked up when first seen, seconds after gathering,
 * and gathering uses only credentials with life left), at most {@link #MAX_ENTRIES}. Thread-safe;
 * deterministic ({@code now} comes in: epoch milliseconds, as the credentials' expiry).
 */
public final class IssuedCredentials {

    static final long RETAIN_AFTER_EXPIRY_MS = 5 * 60_000;
    static final int MAX_ENTRIES = 64;

    private final Map<TurnServer, RelayCredentials> byServer = new LinkedHashMap<>();

    /** The TURN server ICE gets for {@code c}, reached over UDP. */
    public static TurnServer turnServer(RelayCredentials c) {
        return turnServer(c, false);
    }

    /** The TURN server ICE gets for {@code c}; over TCP through the ICE run's TURN tap when {@code tcp}. */
    public static TurnServer turnServer(RelayCredentials c, boolean tcp) {
        return new TurnServer(c.turnServer(), c.username(), c.password(), tcp);
    }

    /** Remembers {@code c}, reached over UDP; returns its TURN server. */
    public TurnServer add(long now, RelayCredentials c) {
        return add(now, c, false);
    }

    /** Remembers {@code c}; returns its TURN server (over TCP when {@code tcp}). */
    public synchronized TurnServer add(long now, RelayCredentials c, boolean tcp) {
        prune(now);
        TurnServer server = turnServer(c, tcp);
        byServer.remove(server);
        byServer.put(server, c);
        if (byServer.size() > MAX_ENTRIES) {
            Iterator<TurnServer> oldest = byServer.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return server;
    }

    /** The credentials {@code server} was built from, if handed out lately. */
    public synchronized Optional<RelayCredentials> find(long now, TurnServer server) {
        prune(now);
        return Optional.ofNullable(byServer.get(server));
    }

    public synchronized boolean isEmpty() {
        return byServer.isEmpty();
    }

    public synchronized int size() {
        return byServer.size();
    }

    private void prune(long now) {
        byServer.values().removeIf(c -> c.expiresAt() + RETAIN_AFTER_EXPIRY_MS < now);
    }
}
