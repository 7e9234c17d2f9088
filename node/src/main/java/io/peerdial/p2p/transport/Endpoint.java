package io.peerdial.p2p.transport;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.media.ice.CandidateKind;
import io.peerdial.node.media.ice.IceConfig;
import io.peerdial.node.media.ice.IceDescription;
import io.peerdial.node.media.ice.IceFailedException;
import io.peerdial.node.media.ice.IceSession;
import io.peerdial.node.media.ice.SelectedPair;
import io.peerdial.node.media.ice.TurnServer;
import io.peerdial.node.relay.IssuedCredentials;
import io.peerdial.node.relay.RelayCredentials;
import io.peerdial.node.relay.RelayReceiptTracker;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.p2p.ConnectivityException;
import io.peerdial.p2p.ConnectivityException.Outcome;
import io.peerdial.p2p.P2PAddress;
import io.peerdial.p2p.P2POptions;
import io.peerdial.p2p.PeerNotFoundException;
import io.peerdial.p2p.net.ChannelMux;
import io.peerdial.p2p.net.IceDatagramPath;
import io.peerdial.p2p.signal.IdentityProof;
import io.peerdial.p2p.signal.P2PSdp;
import io.peerdial.p2p.signal.SignalException;
import io.peerdial.p2p.stream.StreamConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound P2P endpoint (internal; the API is {@link io.peerdial.p2p.P2PServerSocket}): an embedded
 * {@link NodeDaemon} with its SIP service, a {@link SignalingUa} registered at the node's phone face under the
 * endpoint's self-certifying AOR (the node publishes the signed binding and keeps it fresh), and the sessions.
 *
 * <p>Connect: ICE gathers (controlling, RFC 8445 §6.1.1), an INVITE carries our signed offer through the nodes
 * (lookup, forking, rendezvous: docs/SIP.md), the 2xx's answer is verified, ICE checks; the connection is
 * handed out once ICE completed. Accept: the INVITE's proof is verified, ICE gathers (controlled) and starts,
 * 200 carries our signed answer; the connection is queued for accept() once ICE completed. A failure on either
 * side ends the SIP session (BYE/CANCEL).
 */
public final class Endpoint implements SignalingUa.Handler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Endpoint.class);
    /** Binding lifetime asked in REGISTER; refreshed at half of it. */
    private static final int REGISTER_SECONDS = 3600;
    private static final long REGISTER_WAIT_SECONDS = 15;
    private static final int PENDING_ACCEPTS = 64;
    private static final long RELAY_WAIT_SECONDS = 5;

    private final P2POptions options;
    private final NodeDaemon node;
    private final NodeKeyPair userKey;
    private final P2PAddress address;
    private final IceConfig iceConfig;
    private final StreamConfig streamConfig = StreamConfig.defaults();
    private final ScheduledExecutorService executor;
    private final SecureRandom random = new SecureRandom();
    private final Inbox<Connection> accepted = new Inbox<>(PENDING_ACCEPTS);
    private final Map<String, IceSession> attempts = new ConcurrentHashMap<>();
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** Relay credentials handed to ICE, and the receipts of each relayed connection (docs/INCENTIVES.md). */
    private final IssuedCredentials issued = new IssuedCredentials();
    private final io.peerdial.overlay.runtime.RuntimeClock clock = new io.peerdial.overlay.runtime.RuntimeClock();
    private final Map<String, RelayReceiptTracker> receipts = new ConcurrentHashMap<>();
    private volatile SignalingUa ua;
    private volatile boolean closed;

    private Endpoint(P2POptions options, NodeDaemon node) {
        this.options = options;
        this.node = node;
        this.userKey = node.userKey();
        this.address = P2PAddress.of(Aor.selfCertifying(options.name(), OwnerKey.of(userKey)).toString());
        InetAddress host = options.listen().getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
                : options.listen().getAddress();
        List<InetSocketAddress> stun = options.bootstrap().stream().limit(2).toList();
        this.iceConfig = IceConfig.forNodeAddress(host).withStunServers(stun).withFailAfter(options.iceTimeout());
        this.executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "peerdial-p2p");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the node, joins, registers our AOR; returns once the binding is published. */
    public static Endpoint start(P2POptions options) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        NodeDaemon node = NodeDaemon.start(new NodeDaemon.Settings(options.listen(), options.bootstrap(), options.dataDir(), loopback,
                options.role(), TrustAnchors.none(), loopback));
        Endpoint e = new Endpoint(options, node);
        try {
            e.ua = SignalingUa.start(e.address.aor(), InetAddress.getLoopbackAddress(), node.sip().phoneAddress(), e,
                    e.executor);
            int status = e.ua.register(REGISTER_SECONDS).get(REGISTER_WAIT_SECONDS, TimeUnit.SECONDS);
            if (status / 100 != 2) {
                throw new IOException("the node refused to register " + e.address + ": " + status);
            }
            e.executor.scheduleWithFixedDelay(e::refresh, REGISTER_SECONDS / 2, REGISTER_SECONDS / 2, TimeUnit.SECONDS);
            e.executor.scheduleWithFixedDelay(e::tickReceipts, RECEIPT_LOOK_MS, RECEIPT_LOOK_MS, TimeUnit.MILLISECONDS);
            log.info("P2P endpoint {} bound on node {}", e.address, node.runtime().nodeId().shortHex());
            return e;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            e.close();
            throw new IOException("interrupted while binding", ex);
        } catch (ExecutionException | TimeoutException | IOException | RuntimeException ex) {
            e.close();
            throw ex instanceof IOException io ? io : new IOException("cannot bind " + e.address + ": " + ex, ex);
        }
    }

    /** As {@link #start}, on a new thread. */
    public static CompletableFuture<Endpoint> startAsync(P2POptions options) {
        CompletableFuture<Endpoint> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(start(options));
            } catch (IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        }, "peerdial-p2p-bind");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private void refresh() {
        ua.register(REGISTER_SECONDS).whenComplete((s, err) -> {
            if (err != null || s / 100 != 2) {
                log.warn("binding refresh of {} failed: {}", address, err != null ? err.toString() : s);
            }
        });
    }

    public P2PAddress address() {
        return address;
    }

    public NodeDaemon node() {
        return node;
    }

    // ---- connect ----

    static final long NOT_FOUND_RETRY_MS = 1_000;

    /** Connects to {@code remote}; fails with the API's exceptions (PeerNotFound, Connectivity). */
    public CompletableFuture<Connection> connect(P2PAddress remote) {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        attempt(remote, result, true);
        return result;
    }

    /**
     * One connection attempt; a first 404 is tried once more after {@link #NOT_FOUND_RETRY_MS}: a
     * binding written a moment ago may not have reached every node a lookup asks yet (a DHT is
     * eventually consistent; seen when two endpoints bind at once and one connects at once).
     */
    private void attempt(P2PAddress remote, CompletableFuture<Connection> result, boolean mayRetry) {
        CompletableFuture<Connection> one = new CompletableFuture<>();
        one.whenComplete((c, err) -> {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof PeerNotFoundException && mayRetry && !result.isDone()) {
                CompletableFuture.delayedExecutor(NOT_FOUND_RETRY_MS, TimeUnit.MILLISECONDS, executor)
                        .execute(() -> attempt(remote, result, false));
            } else if (err != null) {
                result.completeExceptionally(cause);
            } else if (!result.complete(c)) {
                c.close(); // the caller gave up meanwhile
            }
        });
        result.whenComplete((c, err) -> {
            if (err != null) one.cancel(false); // timeout or cancel: tear the attempt down
        });
        executor.execute(() -> {
            try {
                connectNow(remote, one);
            } catch (Exception e) {
                one.completeExceptionally(e);
            }
        });
    }

    private void connectNow(P2PAddress remote, CompletableFuture<Connection> result) throws Exception {
        ensureOpen();
        Inbox<byte[]> inbox = Connection.datagramInbox();
        IceDatagramPath path = new IceDatagramPath();
        ChannelMux mux = Connection.mux(path, inbox);
        mux.start();
        IceSession ice = IceSession.create(IceSession.Role.CONTROLLING, iceConfig(), new IceSession.Listener() { }, path.handler());
        path.attach(ice);
        IceDescription local = advertised(ice.localDescription());
        SignalingUa.Outgoing out;
        try {
            out = ua.invite(remote.aor(), callId -> P2PSdp.write(sessionId(), local, IdentityProof.sign(userKey, true,
                    address.aor(), remote.aor(), callId, wallClock(), P2PSdp.iceAttributes(local))));
        } catch (Exception e) {
            ice.close();
            throw e;
        }
        String callId = out.callId();
        attempts.put(callId, ice);
        result.whenComplete((c, err) -> {
            if (err != null) { // failed, or the caller gave up (timeout/cancel): tear down
                attempts.remove(callId);
                path.close();
                ua.end(callId);
            }
        });
        out.answer().thenAccept(answer -> {
            try {
                if (answer.status() / 100 != 2) {
                    throw refusal(remote, answer);
                }
                P2PSdp.Parsed parsed = P2PSdp.parse(answer.body() == null ? new byte[0] : answer.body());
                IdentityProof.Verified who = IdentityProof.verify(parsed.proof(), false, remote.aor(), address.aor(), callId,
                        wallClock(), parsed.iceAttributes());
                Connection c = new Connection(this, callId, address, remote, who.fingerprint(), true, path, mux, inbox);
                ice.start(parsed.ice());
                ice.completion().whenComplete((pair, err) -> {
                    attempts.remove(callId);
                    if (err != null) {
                        result.completeExceptionally(iceFailure(err));
                    } else if (!result.isDone()) {
                        register(c, pair);
                        if (!result.complete(c)) {
                            c.close();
                        }
                    }
                });
            } catch (SignalException e) {
                result.completeExceptionally(new ConnectivityException(Outcome.IDENTITY_NOT_VERIFIED, 0, e.getMessage()));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
    }

    private static Exception refusal(P2PAddress remote, SignalingUa.Answer answer) {
        int s = answer.status();
        if (s == Response.NOT_FOUND || s == Response.DOES_NOT_EXIST_ANYWHERE || s == Response.TEMPORARILY_UNAVAILABLE) {
            return new PeerNotFoundException(remote, s, answer.reason());
        }
        return new ConnectivityException(Outcome.REFUSED, s, answer.reason());
    }

    private static Exception iceFailure(Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (cause instanceof IceFailedException f) {
            Outcome o = switch (f.reason()) {
                case CHECKS_FAILED -> Outcome.ICE_CHECKS_FAILED;
                case TIMEOUT -> Outcome.ICE_TIMEOUT;
                case CLOSED, SUPERSEDED -> Outcome.CLOSED;
            };
            return new ConnectivityException(o, 0, f.getMessage());
        }
        return new ConnectivityException(Outcome.CLOSED, 0, String.valueOf(cause));
    }

    // ---- accept ----

    /** The next incoming connection (ICE completed, identity verified). */
    public CompletableFuture<Connection> accept() {
        return accepted.take();
    }

    @Override
    public void onInvite(SignalingUa.Incoming invite) {
        String callId = invite.callId();
        P2PAddress from;
        P2PAddress to;
        P2PSdp.Parsed offer;
        IdentityProof.Verified who;
        try {
            from = P2PAddress.of(invite.from());
            to = P2PAddress.of(invite.to());
            if (!to.equals(address)) {
                invite.reject(Response.NOT_FOUND);
                return;
            }
            offer = P2PSdp.parse(invite.body() == null ? new byte[0] : invite.body());
            who = IdentityProof.verify(offer.proof(), true, from.aor(), address.aor(), callId, wallClock(), offer.iceAttributes());
        } catch (SignalException | IllegalArgumentException e) {
            log.info("P2P offer {} refused: {}", callId, e.getMessage());
            invite.reject(e instanceof SignalException s && s.reason() == SignalException.Reason.BAD_SDP
                    ? Response.NOT_ACCEPTABLE_HERE : Response.FORBIDDEN);
            return;
        }
        if (closed) {
            invite.reject(Response.TEMPORARILY_UNAVAILABLE);
            return;
        }
        Inbox<byte[]> inbox = Connection.datagramInbox();
        IceDatagramPath path = new IceDatagramPath();
        ChannelMux mux = Connection.mux(path, inbox);
        mux.start();
        try {
            IceSession ice = IceSession.create(IceSession.Role.CONTROLLED, iceConfig(), new IceSession.Listener() { }, path.handler());
            path.attach(ice);
            IceDescription local = advertised(ice.localDescription());
            attempts.put(callId, ice);
            Connection c = new Connection(this, callId, address, from, who.fingerprint(), false, path, mux, inbox);
            ice.start(offer.ice());
            ice.completion().whenComplete((pair, err) -> {
                attempts.remove(callId);
                if (err != null) {
                    log.info("P2P connection {} from {} failed: {}", callId, from, iceFailure(err).getMessage());
                    path.close();
                    ua.end(callId);
                } else {
                    register(c, pair);
                    if (!accepted.offer(c)) {
                        log.warn("P2P connection from {} dropped: {} not accepted yet", from, PENDING_ACCEPTS);
                        c.close();
                    }
                }
            });
            invite.accept(P2PSdp.write(sessionId(), local, IdentityProof.sign(userKey, false, address.aor(), from.aor(), callId,
                    wallClock(), P2PSdp.iceAttributes(local))));
        } catch (Exception e) {
            log.warn("P2P offer {} from {} not answered: {}", callId, from, e.toString());
            path.close();
            attempts.remove(callId);
            invite.reject(Response.SERVER_INTERNAL_ERROR);
        }
    }

    @Override
    public void onEnded(String callId) {
        IceSession attempt = attempts.remove(callId);
        if (attempt != null) {
            attempt.close(); // completes the attempt with CLOSED
        }
        Connection c = connections.get(callId);
        if (c != null) {
            c.peerEnded();
        }
    }

    private void register(Connection c, SelectedPair pair) {
        c.established(pair, streamConfig);
        connections.put(c.callId(), c);
        IceSession ice = c.iceSession();
        if (ice != null && node.relay() != null && !issued.isEmpty()) {
            receipts.put(c.callId(), new RelayReceiptTracker(c.callId(), ice::relayUsage,
                    server -> issued.find(monotonicMillis(), server), node.relay().client().receipts(), RECEIPT_LOOK_MS));
        }
    }

    /** How often each connection's relay byte counts are looked at (the receipt signer decides when one is due). */
    private static final long RECEIPT_LOOK_MS = 1_000;

    private void tickReceipts() {
        long now = monotonicMillis();
        for (RelayReceiptTracker t : receipts.values()) {
            synchronized (t) {
                t.tick(now);
            }
        }
    }

    /** The connection is closing, its ICE session still open: the final receipts of its relay allocations. */
    void closing(Connection c) {
        RelayReceiptTracker t = receipts.remove(c.callId());
        if (t != null) {
            synchronized (t) {
                t.close(monotonicMillis());
            }
        }
    }

    /** Epoch-aligned and monotonic: credential expiries are epoch times. */
    private long monotonicMillis() {
        return clock.now();
    }

    void ended(Connection c) {
        closing(c);
        if (connections.remove(c.callId()) != null) {
            ua.end(c.callId());
        }
    }

    /** The ICE configuration of a new session: with a TURN relay of a super-node when the options ask for one. */
    private IceConfig iceConfig() {
        if (!options.relays() || node.relay() == null) {
            return iceConfig;
        }
        try {
            RelayCredentials c = node.relay().client().credentials().get(RELAY_WAIT_SECONDS, TimeUnit.SECONDS);
            // over TCP through the ICE run's TURN tap when this node's UDP is blocked (docs/MEDIA.md "TURN tap")
            return iceConfig.withTurnServers(List.of(issued.add(monotonicMillis(), c, c.tcp() && node.udpBlocked())))
                    .withRelayOnly(options.relayOnlyForTests()); // tests and benchmarks only: P2POptions

        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return iceConfig;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("relays asked for, but no relay for this connection: {}", e.toString());
            return iceConfig;
        }
    }

    /** Our description as offered: without host candidates when the options say so. */
    private IceDescription advertised(IceDescription d) {
        if (options.hostCandidates()) {
            return d;
        }
        return new IceDescription(d.ufrag(), d.pwd(), d.candidates().stream().filter(c -> c.type() != CandidateKind.HOST).toList(),
                d.endOfCandidates(), d.options());
    }

    private long sessionId() {
        return random.nextLong() & 0x7fff_ffff_ffffL;
    }

    /** Proofs carry wall-clock time: the peer checks it against its own (IdentityProof.WINDOW_MILLIS). */
    private static long wallClock() {
        return System.currentTimeMillis();
    }

    private void ensureOpen() throws ConnectivityException {
        if (closed) {
            throw new ConnectivityException(Outcome.CLOSED, 0, "endpoint closed");
        }
    }

    /** Closes every connection, withdraws the binding (REGISTER Expires: 0), stops the UA and the node. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        accepted.close(() -> new ConnectivityException(Outcome.CLOSED, 0, "endpoint closed"));
        for (IceSession s : List.copyOf(attempts.values())) {
            s.close();
        }
        for (Connection c : List.copyOf(connections.values())) {
            c.close();
        }
        SignalingUa u = ua;
        if (u != null) {
            try {
                u.register(0).get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("unregister: {}", e.toString());
            }
            u.close();
        }
        executor.shutdownNow();
        node.close();
    }
}
