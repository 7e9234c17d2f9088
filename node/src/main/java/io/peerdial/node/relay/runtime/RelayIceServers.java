package io.peerdial.node.relay.runtime;

import io.peerdial.node.media.ice.TurnServer;
import io.peerdial.node.relay.IssuedCredentials;
import io.peerdial.node.relay.RelayCredentials;
import io.peerdial.overlay.runtime.RuntimeClock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relay candidates for ICE without waiting (docs/MEDIA.md, "Relay candidates"): while the node needs
 * a relay ({@link io.peerdial.node.relay.RelayNeed}), it keeps credentials from the first choice relay
 * and from the second one fetched ahead, over the overlay exchange of {@link RelayClient}, and fetches
 * new ones once a quarter of their life has passed. {@link #turnServers()} only reads what is there:
 * the SIP thread that builds a call's IceConfig never waits for the overlay; with nothing fresh it
 * gets no relay server (the call then has no relay candidate rather than a late INVITE).
 *
 * <p>A call lives on its credentials: the relay refuses Refresh requests once the username has expired
 * (docs/RELAY.md), so handing out only credentials with most of their life left keeps relayed calls up
 * for at least {@link #MIN_LIFE_LEFT_MS} minus the fetch interval.
 */
public final class RelayIceServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RelayIceServers.class);
    /** Credentials with less life left than this are not handed out. */
    static final long MIN_LIFE_LEFT_MS = 60_000;
    static final long TICK_MS = 2_000;
    /** After a failed fetch, the next try waits this long (the relay search costs DHT lookups). */
    static final long RETRY_MS = 10_000;

    /** Credentials and when to fetch the next ones. */
    private record Held(RelayCredentials credentials, long refreshAt) {}

    private final Supplier<CompletableFuture<RelayCredentials>> primarySource;
    private final Supplier<CompletableFuture<RelayCredentials>> secondarySource;
    private final BooleanSupplier needed;
    private final BooleanSupplier overTcp;
    private final RuntimeClock clock = new RuntimeClock();
    private final IssuedCredentials issued = new IssuedCredentials();
    private final ScheduledExecutorService timer;
    private volatile Held primary;
    private volatile Held secondary;
    private volatile boolean wanted;
    private volatile boolean tcp; // UDP blocked: the TURN servers are reached over TCP
    /** Told the relay that failed under a call ({@link RelayClient#failed}: not chosen again for a while). */
    private volatile java.util.function.Consumer<io.peerdial.overlay.identity.NodeId> markFailed = id -> { };
    private boolean fetchingPrimary;
    private boolean fetchingSecondary;
    private long primaryRetryAt;
    private long secondaryRetryAt;

    /**
     * @param primarySource   first-choice credentials ({@link RelayClient#credentials()})
     * @param secondarySource second-choice credentials ({@link RelayClient#secondary()})
     * @param needed          whether the node needs a relay now; called on this object's timer thread
     *                        (it may wait briefly, e.g. for the overlay's status)
     */
    RelayIceServers(Supplier<CompletableFuture<RelayCredentials>> primarySource,
                    Supplier<CompletableFuture<RelayCredentials>> secondarySource, BooleanSupplier needed) {
        this(primarySource, secondarySource, needed, () -> false);
    }

    /**
     * @param overTcp whether this node's UDP is blocked ({@link io.peerdial.node.relay.RelayNeed#turnOverTcp}):
     *                then the TURN servers handed out are reached over TCP, where the relay offers it;
     *                called on this object's timer thread
     */
    RelayIceServers(Supplier<CompletableFuture<RelayCredentials>> primarySource,
                    Supplier<CompletableFuture<RelayCredentials>> secondarySource, BooleanSupplier needed,
                    BooleanSupplier overTcp) {
        this.overTcp = Objects.requireNonNull(overTcp, "overTcp");
        this.primarySource = Objects.requireNonNull(primarySource, "primarySource");
        this.secondarySource = Objects.requireNonNull(secondarySource, "secondarySource");
        this.needed = Objects.requireNonNull(needed, "needed");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peerdial-relay-ice");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts prefetching for {@code client} whenever {@code needed} says so (checked every 2 s). */
    public static RelayIceServers start(RelayClient client, BooleanSupplier needed) {
        return start(client, needed, () -> false);
    }

    /** As {@link #start(RelayClient, BooleanSupplier)}; {@code overTcp} says whether the node's UDP is blocked. */
    public static RelayIceServers start(RelayClient client, BooleanSupplier needed, BooleanSupplier overTcp) {
        RelayIceServers s = new RelayIceServers(client::credentials, client::secondary, needed, overTcp);
        s.markFailed = client::failed;
        s.timer.scheduleWithFixedDelay(s::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        return s;
    }

    /** The first choice relay as a TURN server, if fresh credentials are at hand; never blocks. */
    public List<TurnServer> turnServers() {
        return usable(primary).map(this::turnServer).map(List::of).orElse(List.of());
    }

    /** The second choice, for an ICE restart after the first relay failed; never blocks. */
    public List<TurnServer> fallbackTurnServers() {
        return usable(secondary).map(this::turnServer).map(List::of).orElse(List.of());
    }

    /**
     * The relay at {@code relayHost} failed under a call (docs/MEDIA.md "Relay failover"): when it is the
     * first choice, the second becomes the first at once (the next round fetches a new second) and the
     * relay is marked failed.
     */
    public void relayFailed(java.net.InetAddress relayHost) {
        Held failed;
        synchronized (this) {
            failed = primary;
            if (failed == null || !failed.credentials().turnServer().getAddress().equals(relayHost)) return;
            primary = secondary;
            secondary = null;
        }
        log.info("relay {} failed under a call: second choice promoted", failed.credentials().relay().shortHex());
        markFailed.accept(failed.credentials().relay());
    }

    /** The first choice's credentials now, if fresh (receipts need the relay's identity). */
    public Optional<RelayCredentials> current() {
        return usable(primary);
    }

    /** Runs one round now (tests; the timer does it every 2 s); completes when the fetches it started are over. */
    public CompletableFuture<Void> tickNow() {
        return CompletableFuture.supplyAsync(this::tick, timer).thenCompose(f -> f);
    }

    private Optional<RelayCredentials> usable(Held held) {
        if (!wanted || held == null || held.credentials().expiresAt() - clock.now() < MIN_LIFE_LEFT_MS) return Optional.empty();
        return Optional.of(held.credentials());
    }

    private TurnServer turnServer(RelayCredentials c) {
        // TCP only when UDP is blocked (UDP is cheaper and what the relay serves best) and the relay listens
        // on TCP; the ICE run's TURN tap carries ice4j's UDP over it (docs/MEDIA.md "TURN tap"). Remembered
        // for the receipts of the allocations made with it.
        return issued.add(clock.now(), c, tcp && c.tcp());
    }

    /**
     * The credentials a TURN server handed out here was built from (receipts: an allocation in
     * {@code IceSession.relayUsage()} names only its server), if handed out lately; never blocks.
     */
    public Optional<RelayCredentials> credentialsFor(TurnServer server) {
        return issued.find(clock.now(), server);
    }

    private CompletableFuture<Void> tick() {
        CompletableFuture<Void> first = CompletableFuture.completedFuture(null);
        CompletableFuture<Void> second = first;
        try {
            boolean now = needed.getAsBoolean();
            if (now != wanted) log.info(now ? "this node needs a relay: fetching TURN credentials ahead of calls"
                    : "this node needs no relay: no relay candidates");
            wanted = now;
            if (!now) return first;
            boolean viaTcp = overTcp.getAsBoolean();
            if (viaTcp != tcp) log.info(viaTcp ? "UDP is blocked: relay candidates through TURN over TCP" : "relay candidates through TURN over UDP");
            tcp = viaTcp;
            long t = clock.now();
            synchronized (this) {
                boolean hadPrimary = primary != null; // read first: a fetch that completes at once sets it
                if (!fetchingPrimary && due(primary, t) && t >= primaryRetryAt) {
                    fetchingPrimary = true;
                    first = fetch(primarySource, true);
                }
                if (!fetchingSecondary && due(secondary, t) && t >= secondaryRetryAt && hadPrimary) {
                    fetchingSecondary = true;
                    second = fetch(secondarySource, false);
                }
            }
        } catch (RuntimeException e) {
            log.warn("relay credentials round failed: {}", e.toString()); // a timer task that threw would never run again
        }
        return CompletableFuture.allOf(first, second);
    }

    private static boolean due(Held held, long now) {
        return held == null || now >= held.refreshAt() || held.credentials().expiresAt() - now < MIN_LIFE_LEFT_MS;
    }

    private CompletableFuture<Void> fetch(Supplier<CompletableFuture<RelayCredentials>> source, boolean first) {
        CompletableFuture<RelayCredentials> f;
        try {
            f = source.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(30, TimeUnit.SECONDS).handle((c, e) -> {
            long t = clock.now();
            synchronized (this) {
                if (first) fetchingPrimary = false;
                else fetchingSecondary = false;
                if (c == null) {
                    if (first) primaryRetryAt = t + RETRY_MS;
                    else secondaryRetryAt = t + RETRY_MS;
                    if (first) log.info("no relay credentials yet: {}", e.toString());
                    else log.debug("no second-choice relay credentials: {}", e.toString());
                    return null;
                }
                Held held = new Held(c, t + Math.max(0, (c.expiresAt() - t) / 4)); // fetch again after a quarter of the life
                if (first) primary = held;
                else secondary = held;
            }
            log.info("relay credentials ({} choice): {} until {}", first ? "first" : "second", c, java.time.Instant.ofEpochMilli(c.expiresAt()));
            return null;
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
