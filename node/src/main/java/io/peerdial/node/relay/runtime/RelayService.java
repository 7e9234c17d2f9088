package io.peerdial.node.relay.runtime;

import io.peerdial.location.map.DhtMap;
import io.peerdial.node.daemon.Role;
import io.peerdial.node.relay.RelayOptions;
import io.peerdial.node.relay.RelayServiceIds;
import io.peerdial.node.relay.RelayStatus;
import io.peerdial.node.relay.SuperNodeElection;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.runtime.AppHandler;
import io.peerdial.overlay.runtime.AppRefusedException;
import io.peerdial.overlay.runtime.OverlayRuntime;
import io.peerdial.overlay.runtime.RuntimeClock;
import io.peerdial.overlay.wire.ErrorMessage.ErrorCode;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.relay.admission.AdmissionPolicy;
import io.peerdial.relay.admission.AdmissionRules;
import io.peerdial.relay.admission.RelayAdmission;
import io.peerdial.relay.admission.RelayCaps;
import io.peerdial.relay.advert.AdvertCodec;
import io.peerdial.relay.advert.AdvertDirectory;
import io.peerdial.relay.advert.RelayAdvert;
import io.peerdial.relay.credentials.CredentialCodec;
import io.peerdial.relay.credentials.CredentialException;
import io.peerdial.relay.credentials.CredentialGrant;
import io.peerdial.relay.credentials.CredentialIssuer;
import io.peerdial.relay.credentials.CredentialRequest;
import io.peerdial.relay.credentials.TurnRestCredentials;
import io.peerdial.relay.credit.CreditLedger;
import io.peerdial.relay.credit.CreditPolicy;
import io.peerdial.relay.credit.ReceiptDirectory;
import io.peerdial.relay.receipt.ReceiptBook;
import io.peerdial.relay.receipt.ReceiptEnforcer;
import io.peerdial.relay.receipt.ReceiptCodec;
import io.peerdial.relay.receipt.ReceiptException;
import io.peerdial.relay.receipt.SessionId;
import io.peerdial.relay.receipt.SignedReceipt;
import io.peerdial.relay.runtime.TurnRelayRuntime;
import io.peerdial.relay.server.AllocationGate;
import io.peerdial.relay.server.AllocationUsage;
import io.peerdial.relay.server.PeerAddressPolicy;
import io.peerdial.relay.server.TurnConfig;
import io.peerdial.relay.server.TurnEvent;
import io.peerdial.relay.server.TurnStats;
import io.peerdial.relay.wire.RelayWireException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The super-node side of relaying (docs/RELAY.md, "Relays in the overlay"). Every tick it runs the
 * {@link SuperNodeElection}; once elected it starts the TURN runtime with short-lived REST-style
 * credentials and the {@link RelayAdmission} gate, serves the credential exchange, receipts and RTT
 * probes over the overlay, and publishes a signed advert with the capacity left; un-elected, it
 * withdraws and stops. Every node (relay or not) keeps its own balance fresh for status.
 *
 * <p>Threads: overlay handlers run on the overlay loop, TURN events on the relay thread, ticks on
 * this service's timer thread; the relay state (issuer, receipt book, sessions) is guarded by this
 * object's lock, held only for quick in-memory work. Balances for the admission gate are in a
 * concurrent map, because the gate runs on the relay thread and must not wait.
 */
public final class RelayService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RelayService.class);
    static final String REALM = "peerdial";
    private static final long TICK_MS = 5_000;
    private static final int ADVERT_BUCKETS = 4;
    private static final Duration ADVERT_TTL = Duration.ofMinutes(5);
    private static final int EVIDENCE_SAMPLES = 4;
    private static final long BALANCE_INTERVAL_MS = 60_000;
    /**
     * How long the receipt book keeps a closed session: well past the enforcer's wait for the final
     * receipt (30 s); accepted receipts are in the DHT's receipt directory already.
     */
    private static final long KEEP_CLOSED_SESSIONS_MS = 10 * 60_000;

    private final RelayOptions options;
    private final Role role;
    private final OverlayRuntime overlay;
    private final NodeKeyPair identity;
    private final InetAddress relayIp;
    private final InetAddress bindIp;
    private final RuntimeClock clock = new RuntimeClock();
    private final SecureRandom random = new SecureRandom();
    private final long startedAt;
    private final AdvertDirectory adverts;
    private final ReceiptDirectory receiptDirectory;
    private final CreditLedger ledger = new CreditLedger(CreditPolicy.defaults());
    private final ReceiptBook book;
    private final Map<NodeId, Long> balances = new ConcurrentHashMap<>();
    private final Map<NodeId, OwnerKey> requesters = new HashMap<>();
    private final Map<InetSocketAddress, SessionId> sessionsByRelayed = new HashMap<>();
    /** Clients that did not sign for what was relayed, refused until (epoch ms): read by the gate on the relay thread. */
    private final Map<NodeId, Long> refusedUntil = new ConcurrentHashMap<>();
    private ReceiptEnforcer enforcer;
    private final ScheduledExecutorService timer;
    private final RelayClient client;

    private TurnRelayRuntime turn;
    private CredentialIssuer issuer;
    private RelayAdmission admission;
    private String reason = "starting";
    private long nextAdvertAt;
    private long nextBalanceAt;
    private long lastBytes;
    private long lastBytesAt;
    private long measuredBytesPerSecond;
    private volatile long ownBalance;
    private boolean closed;

    /**
     * @param map      a DHT map signed by this node's key ({@code identity}): adverts and receipts go there
     * @param listenIp the overlay's listen address (the TURN server binds it; a wildcard needs {@code --relay-ip})
     */
    private RelayService(RelayOptions options, Role role, OverlayRuntime overlay, DhtMap map, NodeKeyPair identity,
                         InetAddress listenIp) {
        this.options = Objects.requireNonNull(options, "options");
        this.role = Objects.requireNonNull(role, "role");
        this.overlay = Objects.requireNonNull(overlay, "overlay");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.bindIp = listenIp;
        this.relayIp = options.relayIp() != null ? options.relayIp() : listenIp.isAnyLocalAddress() ? null : listenIp;
        this.adverts = new AdvertDirectory(map, ADVERT_BUCKETS, ADVERT_TTL);
        this.receiptDirectory = new ReceiptDirectory(map);
        this.book = new ReceiptBook(identity.nodeId(), CreditPolicy.defaults().maxClockSkewMs());
        this.enforcer = new ReceiptEnforcer(book, ReceiptEnforcer.Policy.defaults());
        this.client = new RelayClient(overlay, map, identity, RelayClient.Options.defaults(options.region()), random);
        this.startedAt = clock.now();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peerdial-relay-service");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the service; the first election runs at once (so {@code --role super} relays right away). */
    public static RelayService start(RelayOptions options, Role role, OverlayRuntime overlay, DhtMap map, NodeKeyPair identity,
                                     InetAddress listenIp) {
        RelayService s = new RelayService(options, role, overlay, map, identity, listenIp);
        s.timer.execute(s::tick);
        s.timer.scheduleWithFixedDelay(s::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        // tick() handles its own failures; a timer task that threw would never run again
        return s;
    }

    /** Finding relays and getting credentials from them, for ICE (the client side). */
    public RelayClient client() {
        return client;
    }

    /**
     * Runs an election and the periodic work now (tests; the timer does it every few seconds);
     * completes once an advert due now is stored.
     */
    public CompletableFuture<RelayStatus> tickNow() {
        return CompletableFuture.supplyAsync(this::tick, timer).thenCompose(f -> f).thenApply(v -> status());
    }

    /** Another enforcement policy (tests: a short grace); sessions watched so far are forgotten. */
    synchronized void enforcement(ReceiptEnforcer.Policy policy) {
        enforcer = new ReceiptEnforcer(book, policy);
    }

    public synchronized RelayStatus status() {
        TurnStats s = turn == null ? null : turn.stats();
        return new RelayStatus(turn == null ? "none" : "relay", reason, s == null ? 0 : s.allocations(),
                s == null ? 0 : s.bytesRelayed(), book.openSessions(), book.proofs().size(), ownBalance);
    }

    /** The TURN server's address while relaying, else null. */
    public synchronized InetSocketAddress turnAddress() {
        return turn == null ? null : new InetSocketAddress(relayIp, turn.listenAddress().getPort());
    }

    // ---------------------------------------------------------------- election and periodic work

    /** Returns the publication of the advert this tick made (or a completed future). */
    private CompletableFuture<Void> tick() {
        CompletableFuture<Void> advert = CompletableFuture.completedFuture(null);
        try {
            var status = overlay.status().get(10, TimeUnit.SECONDS);
            long now = clock.now();
            SuperNodeElection.Decision d = SuperNodeElection.decide(role, options, status.reachability(), now - startedAt,
                    relayIp != null);
            boolean wasServing;
            synchronized (this) {
                if (closed) return advert;
                reason = d.reason();
                wasServing = turn != null;
            }
            if (d.relay() && !wasServing) startRelaying(now);
            if (!d.relay() && wasServing) stopRelaying();
            synchronized (this) {
                book.forgetClosedBefore(now - KEEP_CLOSED_SESSIONS_MS);
                if (turn != null) {
                    measure(now);
                    enforceReceipts(now);
                    if (now >= nextAdvertAt) {
                        nextAdvertAt = now + options.advertIntervalMs();
                        advert = publishAdvert(now);
                    }
                }
            }
            if (now >= nextBalanceAt) { // a DHT read: once a minute, not every tick
                nextBalanceAt = now + BALANCE_INTERVAL_MS;
                refreshOwnBalance(now);
            }
        } catch (Exception e) {
            log.warn("relay service tick failed: {}", e.toString());
        }
        return advert.exceptionally(e -> null);
    }

    private void startRelaying(long now) throws IOException {
        TurnRestCredentials credentials = TurnRestCredentials.random(random);
        RelayCaps caps = new RelayCaps(options.maxSessions(), options.maxBytesPerSecond(),
                RelayOptions.BYTES_PER_SECOND_PER_SESSION, RelayCaps.defaults().maxSessionsPerRequester());
        RelayAdmission admissionGate = new RelayAdmission(new AdmissionPolicy(caps, AdmissionRules.defaults()),
                id -> balances.getOrDefault(id, 0L), id -> true);
        AllocationGate gate = new UnreceiptedGate(this::refused, admissionGate);
        TurnConfig config = TurnConfig.defaults(REALM)
                .withPeerPolicy(new PeerAddressPolicy(options.allowLoopbackPeers(), false))
                .withQuotas(caps.maxSessionsPerRequester(), options.maxSessions(), 0, 0);
        InetAddress bind = bindIp.isAnyLocalAddress() ? bindIp : relayIp;
        TurnRelayRuntime started = TurnRelayRuntime.start(new TurnRelayRuntime.Settings(new InetSocketAddress(bind, options.port()),
                relayIp, options.minPort(), options.maxPort(), config, credentials), gate, this::onTurnEvent);
        synchronized (this) {
            turn = started;
            admission = admissionGate;
            issuer = CredentialIssuer.defaults(identity, credentials, REALM, random);
            nextAdvertAt = now;
            lastBytes = 0;
            lastBytesAt = now;
        }
        overlay.serve(RelayServiceIds.CREDENTIALS, this::onCredentialRequest);
        overlay.serve(RelayServiceIds.RECEIPTS, this::onReceipt);
        overlay.serve(RelayServiceIds.PROBE, call -> CompletableFuture.completedFuture(new byte[0]));
        log.info("relaying for others: TURN on {} ({})", turnAddress(), reason);
    }

    private void stopRelaying() {
        overlay.stopServing(RelayServiceIds.CREDENTIALS);
        overlay.stopServing(RelayServiceIds.RECEIPTS);
        overlay.stopServing(RelayServiceIds.PROBE);
        TurnRelayRuntime stopping;
        synchronized (this) {
            stopping = turn;
            turn = null;
            issuer = null;
            admission = null;
        }
        adverts.withdraw(identity.nodeId());
        if (stopping != null) stopping.close();
        log.info("stopped relaying: {}", reason);
    }

    /** Relayed rate since the last tick, for the admission gate and the advert. Holds the lock. */
    private void measure(long now) {
        long bytes = turn.stats().bytesRelayed();
        if (now > lastBytesAt) {
            measuredBytesPerSecond = Math.max(0, (bytes - lastBytes) * 1000 / (now - lastBytesAt));
            lastBytes = bytes;
            lastBytesAt = now;
            admission.measured(measuredBytesPerSecond);
        }
    }

    /**
     * Receipt enforcement (docs/INCENTIVES.md, "Enforcement"), each tick. Holds the lock. The counts are
     * the runtime's snapshot (refreshed every second); sessions without receipts expected (credentials
     * not from the overlay exchange) are not watched.
     */
    private void enforceReceipts(long now) {
        Map<SessionId, ReceiptEnforcer.Counted> live = new HashMap<>();
        Map<SessionId, InetSocketAddress> relayedOf = new HashMap<>();
        for (AllocationUsage u : turn.allocationUsage()) {
            SessionId session = sessionsByRelayed.get(u.relayed());
            if (session == null) continue;
            live.put(session, new ReceiptEnforcer.Counted(RelayAdmission.requesterOf(u.username()), u.bytesToPeers(),
                    u.bytesToClient()));
            relayedOf.put(session, u.relayed());
        }
        ReceiptEnforcer.Verdict v = enforcer.check(now, live);
        for (SessionId session : v.close()) {
            InetSocketAddress relayed = relayedOf.get(session);
            log.info("allocation {} closed: its client's receipts do not cover what was relayed ({})", relayed,
                    live.get(session).client().shortHex());
            turn.revoke(relayed);
        }
        v.refuse().forEach((client, until) -> {
            log.info("node {} refused relaying until {}: receipts missing", client.shortHex(), java.time.Instant.ofEpochMilli(until));
            refusedUntil.put(client, until);
        });
        refusedUntil.values().removeIf(until -> until <= now);
    }

    /** Whether {@code client} is refused now for missing receipts; any thread. */
    private boolean refused(long now, NodeId client) {
        Long until = refusedUntil.get(client);
        return until != null && now < until;
    }

    /** Holds the lock: the advert names what is left under the operator's cap. */
    private CompletableFuture<Void> publishAdvert(long now) {
        int allocations = turn.stats().allocations();
        long sessionsLeft = Math.max(0, options.maxSessions() - allocations);
        long bytesLeft = Math.max(0, options.maxBytesPerSecond() - measuredBytesPerSecond);
        double bySessions = options.maxSessions() == 0 ? 1 : (double) allocations / options.maxSessions();
        double byBytes = options.maxBytesPerSecond() == 0 ? 1 : (double) measuredBytesPerSecond / options.maxBytesPerSecond();
        int load = (int) Math.min(1000, Math.round(1000 * Math.max(bySessions, byBytes)));
        RelayAdvert advert = new RelayAdvert(OwnerKey.of(identity), new InetSocketAddress(relayIp, turn.listenAddress().getPort()),
                true, sessionsLeft, bytesLeft, load, options.region(), now);
        return adverts.publish(AdvertCodec.sign(advert, identity)).whenComplete((v, e) -> {
            if (e != null) log.warn("relay advert not published: {}", e.toString());
            else log.debug("relay advert published: {} sessions left, load {}‰", sessionsLeft, load);
        });
    }

    private void refreshOwnBalance(long now) {
        receiptDirectory.evidence(identity.nodeId(), EVIDENCE_SAMPLES, random)
                .thenAccept(receipts -> ownBalance = ledger.balance(now, identity.nodeId(), receipts).value())
                .exceptionally(e -> null); // stays at the last value; the next tick tries again
    }

    /** Looks the requester's balance up in the background: the gate uses it once it is known (0 until then). */
    private void refreshBalance(NodeId requester) {
        receiptDirectory.evidence(requester, EVIDENCE_SAMPLES, random)
                .thenAccept(receipts -> balances.put(requester, ledger.balance(clock.now(), requester, receipts).value()))
                .exceptionally(e -> null);
        if (balances.size() > 10_000) balances.clear(); // bounded: unknown again is "newcomer", never a failure
    }

    // ---------------------------------------------------------------- overlay services

    private java.util.concurrent.CompletionStage<byte[]> onCredentialRequest(AppHandler.Call call) {
        CredentialRequest request;
        try {
            request = CredentialCodec.decodeRequest(call.payload()); // checks the requester's signature
        } catch (RelayWireException e) {
            throw new AppRefusedException(ErrorCode.MALFORMED, e.reason() + ": " + e.getMessage());
        }
        CredentialGrant grant;
        if (refused(clock.now(), request.requester().id())) {
            throw new AppRefusedException(ErrorCode.RATE_LIMITED, "UNRECEIPTED: receipts missing for bytes relayed earlier");
        }
        synchronized (this) {
            if (issuer == null) throw new AppRefusedException(ErrorCode.OVERLOADED, "not relaying");
            try {
                grant = issuer.issue(clock.now(), request);
            } catch (CredentialException e) {
                ErrorCode code = e.reason() == CredentialException.Reason.BUSY ? ErrorCode.OVERLOADED : ErrorCode.MALFORMED;
                throw new AppRefusedException(code, e.reason() + ": " + e.getMessage());
            }
            if (requesters.size() > 10_000) requesters.clear();
            requesters.put(request.requester().id(), request.requester());
        }
        refreshBalance(request.requester().id());
        return CompletableFuture.completedFuture(CredentialCodec.encode(grant));
    }

    private java.util.concurrent.CompletionStage<byte[]> onReceipt(AppHandler.Call call) {
        SignedReceipt receipt;
        try {
            receipt = ReceiptCodec.decode(call.payload());
        } catch (RelayWireException e) {
            throw new AppRefusedException(ErrorCode.MALFORMED, e.reason() + ": " + e.getMessage());
        }
        synchronized (this) {
            try {
                book.accept(clock.now(), receipt); // checks relay, session, client key, signature, freshness
            } catch (ReceiptException e) {
                throw new AppRefusedException(ErrorCode.MALFORMED, e.reason() + ": " + e.getMessage());
            }
        }
        receiptDirectory.publish(receipt).exceptionally(e -> {
            log.warn("receipt not published: {}", e.toString());
            return null;
        });
        return CompletableFuture.completedFuture(new byte[0]);
    }

    /** On the relay thread: sessions open and close with allocations (SessionId: docs/INCENTIVES.md). */
    private void onTurnEvent(TurnEvent event) {
        synchronized (this) {
            if (event instanceof TurnEvent.AllocationCreated c) {
                OwnerKey key = requesters.get(RelayAdmission.requesterOf(c.username()));
                if (key == null) return; // a credential not from the overlay exchange: no receipts expected
                SessionId session = SessionId.of(c.username(), c.relayed(), c.fiveTuple().client());
                book.open(clock.now(), session, key);
                sessionsByRelayed.put(c.relayed(), session);
            } else if (event instanceof TurnEvent.AllocationClosed c) {
                SessionId session = sessionsByRelayed.remove(c.relayed());
                if (session != null) {
                    book.close(clock.now(), session);
                    // its final receipt is awaited (unless the relay closed it for missing receipts already)
                    if (c.reason() != TurnEvent.CloseReason.REVOKED) {
                        enforcer.ended(clock.now(), session, RelayAdmission.requesterOf(c.username()), c.bytesToPeers(),
                                c.bytesToClient());
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        timer.shutdownNow();
        TurnRelayRuntime stopping;
        synchronized (this) {
            stopping = turn;
            turn = null;
        }
        if (stopping != null) stopping.close();
    }
}
