package io.peerdial.node.relay;

import io.peerdial.node.media.ice.RelayUsage;
import io.peerdial.node.media.ice.TurnServer;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receipts for the relayed allocations of one call (docs/INCENTIVES.md, "Receipts from calls").
 * Each {@link #tick} looks at the call's allocations ({@link UsageSource}: {@code IceSession.relayUsage()},
 * cumulative byte counts per TURN allocation of the current ICE run) at most every {@code intervalMs}:
 *
 * <ul>
 *   <li>an allocation seen for the first time is mapped back to the {@link RelayCredentials} its TURN
 *       server was built from; it gets a {@link Sender.Session} (a receipt signer) once;</li>
 *   <li>an allocation seen again feeds its counts to its session (the signer decides when a receipt is due);</li>
 *   <li>an allocation that is gone (its ICE run was superseded by a restart, e.g. relay failover) is
 *       closed with the last counts seen;</li>
 *   <li>{@link #close} (the call ends) closes every open session with the final counts.</li>
 * </ul>
 *
 * <p>Allocations on TURN servers without overlay credentials (a static TURN server) have no relay to pay:
 * they are ignored. Nothing thrown by the source or the sender reaches the caller: receipts never break a
 * call. Deterministic: no threads, no clock ({@code now} comes in); not thread-safe (one caller, e.g. the
 * call's watchdog, or under the call's lock).
 */
public final class RelayReceiptTracker {

    private static final Logger log = LoggerFactory.getLogger(RelayReceiptTracker.class);

    /** Where the counts come from: {@code IceSession::relayUsage}. */
    @FunctionalInterface
    public interface UsageSource {
        List<RelayUsage> relayUsage();
    }

    /** Where receipts go (in the node: {@code RelayClient.session}, receipts over the overlay). */
    @FunctionalInterface
    public interface Sender {
        /** The receipt session of one allocation (Allocate success: XOR-RELAYED-ADDRESS, XOR-MAPPED-ADDRESS). */
        Session open(RelayCredentials credentials, InetSocketAddress relayed, InetSocketAddress mapped);

        /** One allocation's receipts; cumulative counts that never go down. */
        interface Session {
            /** The latest counts: a receipt is signed and sent if one is due. */
            void update(long bytesToPeers, long bytesToClient);

            /** The allocation ended: the final receipt. */
            void close(long bytesToPeers, long bytesToClient);
        }
    }

    /** An allocation: the same server, credential and addresses. */
    private record Key(TurnServer server, InetSocketAddress relayed, InetSocketAddress mapped) {
        static Key of(RelayUsage u) {
            return new Key(u.server(), u.relayed(), u.mapped());
        }
    }

    private static final class Open {
        final Sender.Session session;
        long toPeers;
        long toClient;

        Open(Sender.Session session) {
            this.session = session;
        }
    }

    private final String name;
    private final UsageSource source;
    private final Function<TurnServer, Optional<RelayCredentials>> credentials;
    private final Sender sender;
    private final long intervalMs;
    private final Map<Key, Open> open = new LinkedHashMap<>();
    /** Allocations without credentials (or whose session could not be opened): not looked up again. */
    private final Set<Key> ignored = new HashSet<>();
    private long nextAt = Long.MIN_VALUE;
    private boolean closed;

    /**
     * @param name        for logs (the Call-ID)
     * @param credentials the credentials a TURN server was built from ({@code RelayIceServers.credentialsFor})
     * @param intervalMs  at most one look at the counts per this many ms
     */
    public RelayReceiptTracker(String name, UsageSource source, Function<TurnServer, Optional<RelayCredentials>> credentials,
                               Sender sender, long intervalMs) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.sender = Objects.requireNonNull(sender, "sender");
        if (intervalMs <= 0) throw new IllegalArgumentException("interval must be > 0");
        this.intervalMs = intervalMs;
    }

    /** Looks at the counts if {@code intervalMs} passed since the last look. */
    public void tick(long now) {
        if (closed || now < nextAt) return;
        nextAt = now + intervalMs;
        List<RelayUsage> usage = read();
        if (usage != null) apply(usage);
    }

    /** The call ended: a last look, then every open session gets its final receipt. Idempotent. */
    public void close(long now) {
        if (closed) return;
        List<RelayUsage> usage = read();
        if (usage != null) apply(usage);
        closed = true;
        for (Open o : open.values()) closeQuietly(o);
        open.clear();
        ignored.clear();
    }

    /** Allocations with an open receipt session. */
    public int openSessions() {
        return open.size();
    }

    private List<RelayUsage> read() {
        try {
            return source.relayUsage();
        } catch (RuntimeException e) {
            log.debug("call {}: relay usage not readable: {}", name, e.toString());
            return null;
        }
    }

    private void apply(List<RelayUsage> usage) {
        Set<Key> seen = new HashSet<>();
        for (RelayUsage u : usage) seen.add(Key.of(u));
        // gone from the current run (superseded by an ICE restart, or released): closed first, before new ones open
        for (Iterator<Map.Entry<Key, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Open> e = it.next();
            if (!seen.contains(e.getKey())) {
                closeQuietly(e.getValue());
                it.remove();
            }
        }
        ignored.retainAll(seen);
        Set<Key> done = new HashSet<>();
        for (RelayUsage u : usage) {
            Key key = Key.of(u);
            if (!done.add(key) || ignored.contains(key)) continue;
            Open o = open.get(key);
            if (o != null && (u.bytesToPeers() < o.toPeers || u.bytesToClient() < o.toClient)) {
                // counts went down: another allocation with the same addresses (a new run); the old one ended
                closeQuietly(o);
                open.remove(key);
                o = null;
            }
            if (o == null) {
                o = start(key);
                if (o == null) continue;
            }
            o.toPeers = u.bytesToPeers();
            o.toClient = u.bytesToClient();
            try {
                o.session.update(o.toPeers, o.toClient);
            } catch (RuntimeException e) {
                log.debug("call {}: receipt for {} not sent: {}", name, key.relayed(), e.toString());
            }
        }
    }

    private Open start(Key key) {
        Optional<RelayCredentials> c;
        try {
            c = credentials.apply(key.server());
        } catch (RuntimeException e) {
            c = Optional.empty();
        }
        if (c.isEmpty()) {
            log.debug("call {}: allocation {} on {} has no overlay credentials: no receipts", name, key.relayed(), key.server());
            ignored.add(key);
            return null;
        }
        try {
            Open o = new Open(sender.open(c.get(), key.relayed(), key.mapped()));
            open.put(key, o);
            log.debug("call {}: receipts for allocation {} on relay {}", name, key.relayed(), c.get().relay().shortHex());
            return o;
        } catch (RuntimeException e) {
            log.warn("call {}: no receipt session for allocation {}: {}", name, key.relayed(), e.toString());
            ignored.add(key);
            return null;
        }
    }

    private void closeQuietly(Open o) {
        try {
            o.session.close(o.toPeers, o.toClient);
        } catch (RuntimeException e) {
            log.debug("call {}: final receipt not sent: {}", name, e.toString());
        }
    }
}
