package io.peerdial.node.sip.transport;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.read.VerifiedBinding;
import io.peerdial.location.service.Location;
import io.peerdial.node.sip.LocalRegistrar;
import io.peerdial.node.sip.LookupStats;
import io.peerdial.node.sip.ServedAors;
import io.peerdial.node.sip.SipMetrics;
import io.peerdial.node.sip.NodeSignature;
import io.peerdial.node.sip.ReplayGuard;
import io.peerdial.node.sip.SignatureException;
import io.peerdial.node.sip.SignerKeys;
import io.peerdial.node.sip.rendezvous.FlowClient;
import io.peerdial.node.sip.rendezvous.FlowTable;
import io.peerdial.node.sip.rendezvous.FlowToken;
import io.peerdial.node.sip.rendezvous.SuperNode;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.limit.SourceRateLimiter;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.text.ParseException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import io.peerdial.location.binding.BindingContact;
import gov.nist.javax.sip.message.SIPMessage;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's SIP service: a stateful proxy (JAIN-SIP RI transactions) with a phone face and a
 * node face. Requests from local phones are routed to the local registrar's contacts or, through a
 * Location lookup, to every device's node face (forking); requests from nodes are verified
 * (P-Peerdial-Identity) and delivered to local phones. Dialogs stay end to end: both faces
 * Record-Route, so ACK and BYE go through both nodes. REGISTER and the bindings: {@link Registrar}.
 */
public final class SipService implements SipListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SipService.class);
    private static final AtomicInteger STACKS = new AtomicInteger();

    /**
     * @param phones        where local phones register and send calls (UDP and TCP)
     * @param peers         where other nodes send SIP (UDP and TCP); published in bindings; port 0: any free port
     * @param lookupTimeout a Location lookup longer than this answers 408
     * @param maxCalls      proxied requests in progress beyond which new ones get 503
     * @param maxMessageBytes a larger request gets 513
     * @param phoneSources    per-source-IP request rate on the phone face; beyond it: 503
     * @param peerSources     per-source-IP request rate on the node face; beyond it: 503
     * @param maxFlows        flows of NATed client nodes this node keeps as their rendezvous; 0: it is no rendezvous
     * @param served          AORs local phones may register (others: 403)
     */
    public record Settings(InetSocketAddress phones, InetSocketAddress peers, Duration lookupTimeout, int maxCalls,
                           int maxMessageBytes, SourceLimit phoneSources, SourceLimit peerSources, int maxFlows,
                           ServedAors served) {
        public Settings {
            Objects.requireNonNull(served, "served");
            Objects.requireNonNull(phones, "phones");
            Objects.requireNonNull(peers, "peers");
            Objects.requireNonNull(phoneSources, "phoneSources");
            Objects.requireNonNull(peerSources, "peerSources");
            if (peers.getAddress().isAnyLocalAddress()) throw new IllegalArgumentException("the node face needs a concrete address");
            if (maxFlows < 0) throw new IllegalArgumentException("maxFlows must be >= 0, got " + maxFlows);
        }

        public Settings(InetSocketAddress phones, InetSocketAddress peers, Duration lookupTimeout, int maxCalls,
                        int maxMessageBytes, SourceLimit phoneSources, SourceLimit peerSources) {
            this(phones, peers, lookupTimeout, maxCalls, maxMessageBytes, phoneSources, peerSources, DEFAULT_MAX_FLOWS,
                    ServedAors.ANY);
        }

        /** The same settings with other per-source limits. */
        public Settings withSourceLimits(SourceLimit phones, SourceLimit peers) {
            return new Settings(phones(), peers(), lookupTimeout, maxCalls, maxMessageBytes, phones, peers, maxFlows, served);
        }

        /** The same settings keeping at most {@code flows} client flows (0: not a rendezvous). */
        public Settings withMaxFlows(int flows) {
            return new Settings(phones, peers, lookupTimeout, maxCalls, maxMessageBytes, phoneSources, peerSources, flows, served);
        }

        /** The same settings accepting REGISTER only for {@code aors}. */
        public Settings withServed(ServedAors aors) {
            return new Settings(phones, peers, lookupTimeout, maxCalls, maxMessageBytes, phoneSources, peerSources, maxFlows, aors);
        }

        /** With the default per-source limits ({@link SourceLimit#DEFAULT}) on both faces. */
        public Settings(InetSocketAddress phones, InetSocketAddress peers, Duration lookupTimeout, int maxCalls, int maxMessageBytes) {
            this(phones, peers, lookupTimeout, maxCalls, maxMessageBytes, SourceLimit.DEFAULT, SourceLimit.DEFAULT);
        }

        public static Settings of(InetSocketAddress phones, InetSocketAddress peers) {
            return new Settings(phones, peers, Duration.ofSeconds(5), 2_000, 16 * 1024);
        }
    }

    /**
     * A token bucket per source IP: {@code perSecond} requests on average, {@code burst} at once.
     * Every request counts (ACK and BYE too, so a call is about three); retransmissions the stack
     * absorbs do not reach the check.
     */
    public record SourceLimit(double perSecond, double burst) {
        /**
         * 5,000 requests/s, burst 5,000: far above what one phone or one peer node sends in
         * normal use, and above the benchmark's ~3 requests × 500 calls/s from a single
         * loopback source (docs/PERFORMANCE.md), while bounding a flood to what the node can
         * verify (an Ed25519 check per node-face request).
         */
        public static final SourceLimit DEFAULT = new SourceLimit(5_000, 5_000);

        public SourceLimit {
            if (!(perSecond > 0) || !(burst >= 1)) {
                throw new IllegalArgumentException("perSecond must be > 0 and burst >= 1, got " + perSecond + ", " + burst);
            }
        }

        SourceRateLimiter limiter(long salt) {
            return new SourceRateLimiter(perSecond, burst, 4096, salt);
        }
    }

    /** Client flows a node keeps as rendezvous by default. */
    public static final int DEFAULT_MAX_FLOWS = 10_000;

    /**
     * An INVITE branch with nothing back after this long (not even the 100 Trying a live node
     * sends within 200 ms, RFC 3261 §17.2.1) is given up for the device's next contact, if it has
     * one: Timer B (32 s) is far too long for a caller to wait on a dead super-node.
     */
    static final long BRANCH_SILENCE_MS = 2_000;

    /** Seconds a caller is asked to wait after a 503 (RFC 3261 §21.5.4). */
    static final int RETRY_AFTER_S = 5;

    private final Settings settings;
    private final NodeKeyPair node;
    /** Our NodeId as a flow token: the user part of our own Record-Route at a super-node. */
    private final String ownFlowToken;
    private final Function<Aor, CompletableFuture<Looked>> lookup;
    /** Lookups for calls: shared while under way, reused for {@link #LOOKUP_CACHE_TTL_S} s (docs/SIP.md, "Lookup cache"). */
    private final LookupCache<Looked> callLookups;
    private final LookupStats lookupStats = new LookupStats();
    private final SipMetrics metrics = new SipMetrics();
    private final SipStack stack;
    private final Faces faces;
    private final SipMessages sip;
    private final Registrar registrar;
    private final FlowRouter router;
    /** Flows of client nodes for which this node is the rendezvous. */
    private final RendezvousServer rendezvousServer;
    /** This node's own flows to super-nodes when it is not reachable itself (null: it is). */
    private volatile RendezvousClient rendezvous;
    private final ScheduledExecutorService timer;
    private final ReplayGuard replays = new ReplayGuard(100_000);
    /** Keys of the nodes whose signatures verified: decoded and hashed once, not per request. */
    private final SignerKeys signerKeys = new SignerKeys(4_096);
    private final MediaAnchor anchor;
    /** Node-originated ICE restarts after a relay failure (docs/MEDIA.md "Relay failover"). */
    private final IceRestartSignaling iceRestarts;
    /** Per-source-IP buckets of each face; not thread-safe, so each is used under its own lock. */
    private final SourceRateLimiter phoneSources;
    private final SourceRateLimiter peerSources;
    private final Map<ServerTransaction, ProxyCall> calls = new ConcurrentHashMap<>();
    private final Map<ClientTransaction, ProxyCall.Branch> branches = new ConcurrentHashMap<>();
    private final Map<ClientTransaction, Side> branchSides = new ConcurrentHashMap<>();
    /** Call-ID → nodes that take part in it: an in-dialog request from another node is refused (403). */
    private final Map<String, Set<NodeId>> callPeers = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<NodeId>> eldest) {
            return size() > 50_000;
        }
    });

    /** A lookup that also tells how many overlay rounds it took, e.g. {@code Location::find}. */
    public interface Finder {
        CompletableFuture<Location.Found> find(Aor aor);
    }

    /** What a lookup gave the proxy: the bindings, and the overlay rounds (-1: not known). */
    record Looked(List<VerifiedBinding> bindings, int rounds) {}

    /** How long a lookup that found bindings serves further calls to the same AOR. */
    static final int LOOKUP_CACHE_TTL_S = 2;

    /** Seconds between two INFO lines summing up the lookups calls made (latency, rounds). */
    static final int LOOKUP_SUMMARY_S = 10;

    private SipService(Settings settings, NodeKeyPair node, Function<Aor, CompletableFuture<Looked>> lookup,
                       SipStack stack, Faces faces, SipMessages sip, Registrar.Bindings bindings, ScheduledExecutorService timer,
                       MediaAnchor anchor) {
        this.settings = settings;
        this.anchor = anchor;
        this.node = node;
        this.ownFlowToken = FlowToken.of(node.nodeId());
        this.lookup = lookup;
        this.callLookups = new LookupCache<>(this::timedLookup, found -> !found.bindings().isEmpty(),
                TimeUnit.SECONDS.toNanos(LOOKUP_CACHE_TTL_S), 10_000, System::nanoTime);
        this.stack = stack;
        this.faces = faces;
        this.sip = sip;
        this.timer = timer;
        SecureRandom random = new SecureRandom(); // salts: a flooder must not pick a victim's slot
        this.phoneSources = settings.phoneSources().limiter(random.nextLong());
        this.peerSources = settings.peerSources().limiter(random.nextLong());
        this.router = (FlowRouter) stack.getRouter();
        this.rendezvousServer = new RendezvousServer(sip, settings.maxFlows());
        this.registrar = new Registrar(new LocalRegistrar(), sip, bindings, timer, this::contacts, settings.served(),
                System::currentTimeMillis);
        this.iceRestarts = new IceRestartSignaling(node, sip, faces, aor -> lookup.apply(aor).thenApply(Looked::bindings),
                aor -> callLookups.get(aor).thenApply(Looked::bindings), anchor, timer);
        anchor.iceRestarts(iceRestarts::send);
    }

    /**
     * Starts both faces.
     *
     * @param node     the node identity that signs inter-node requests
     * @param lookup   AOR → verified bindings (e.g. {@code Location::lookup})
     * @param bindings publishes / withdraws this device's binding of an AOR registered by a phone
     */
    public static SipService start(Settings settings, NodeKeyPair node, Function<Aor, CompletableFuture<List<VerifiedBinding>>> lookup,
                                   Registrar.Bindings bindings) throws IOException {
        return start(settings, node, lookup, bindings, MediaAnchor.NONE);
    }

    /**
     * Starts both faces, with {@code anchor} rewriting the SDP bodies that cross between them
     * (media anchoring, docs/MEDIA.md).
     */
    public static SipService start(Settings settings, NodeKeyPair node, Function<Aor, CompletableFuture<List<VerifiedBinding>>> lookup,
                                   Registrar.Bindings bindings, MediaAnchor anchor) throws IOException {
        Objects.requireNonNull(lookup, "lookup");
        return startLooking(settings, node, aor -> lookup.apply(aor).thenApply(found -> new Looked(found, -1)), bindings, anchor);
    }

    /**
     * Starts both faces with a lookup that reports its overlay rounds: every {@value #LOOKUP_SUMMARY_S} s
     * with calls, an INFO line sums up the lookups' latency and rounds (docs/PERFORMANCE.md, SIP).
     */
    public static SipService start(Settings settings, NodeKeyPair node, Finder finder, Registrar.Bindings bindings,
                                   MediaAnchor anchor) throws IOException {
        Objects.requireNonNull(finder, "finder");
        return startLooking(settings, node, aor -> finder.find(aor).thenApply(SipService::looked), bindings, anchor);
    }

    /**
     * A lookup that asked nodes and heard from none found nothing because nobody answered, not
     * because there is nothing: the caller gets 408 for it (issue #4's "lookup timed out"), not 404,
     * and the lookup cache does not keep it.
     */
    static Looked looked(Location.Found f) {
        if (f.bindings().isEmpty() && f.holdersAnswered() == 0 && f.requests() > 0) {
            throw new java.util.concurrent.CompletionException(new TimeoutException(
                    "no node answered the lookup (" + f.requests() + " requests)"));
        }
        return new Looked(f.bindings(), f.rounds());
    }

    private static SipService startLooking(Settings settings, NodeKeyPair node, Function<Aor, CompletableFuture<Looked>> lookup,
                                           Registrar.Bindings bindings, MediaAnchor anchor) throws IOException {
        Objects.requireNonNull(anchor, "anchor");
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "peerdial-sip-" + node.nodeId().shortHex() + "-" + STACKS.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off"); // a proxy keeps no dialogs
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(4 * settings.maxMessageBytes()));
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "10000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "10000");
        p.setProperty("javax.sip.ROUTER_PATH", FlowRouter.class.getName());
        p.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE", StrayResponseValve.class.getName());
        SipStack stack;
        ScheduledExecutorService timer = null;
        try {
            stack = factory.createSipStack(p);
            sendFromListeningSockets(stack);
            String phoneHost = settings.phones().getAddress().getHostAddress();
            String peerHost = settings.peers().getAddress().getHostAddress();
            int phonePort = settings.phones().getPort() == 0 ? freePort(settings.phones().getAddress()) : settings.phones().getPort();
            int peerPort = settings.peers().getPort() == 0 ? freePort(settings.peers().getAddress()) : settings.peers().getPort();
            SipProvider phone = provider(stack, phoneHost, phonePort);
            SipProvider peer = provider(stack, peerHost, peerPort);
            Faces faces = new Faces(phone, peer, phoneHost, phonePort, peerHost, peerPort);
            SipMessages sip = new SipMessages(factory.createAddressFactory(), factory.createHeaderFactory(),
                    factory.createMessageFactory(), faces);
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "peerdial-sip-timer");
                t.setDaemon(true);
                return t;
            });
            SipService service = new SipService(settings, node, lookup, stack, faces, sip, bindings, timer, anchor);
            phone.addSipListener(service);
            peer.addSipListener(service);
            StrayResponseValve.attach(stack, service::onStrayResponse);
            service.registrar.startSweeping();
            timer.scheduleAtFixedRate(service::logLookups, LOOKUP_SUMMARY_S, LOOKUP_SUMMARY_S, TimeUnit.SECONDS);
            log.info("SIP: phones on {}:{} (udp, tcp), nodes on {}:{}", phoneHost, phonePort, peerHost, peerPort);
            return service;
        } catch (Exception e) {
            if (timer != null) timer.shutdownNow();
            throw new IOException("cannot start SIP on " + settings.phones() + " / " + settings.peers() + ": " + e.getMessage(), e);
        }
    }

    private static SipProvider provider(SipStack stack, String host, int port) throws Exception {
        SipProvider provider = stack.createSipProvider(stack.createListeningPoint(host, port, ListeningPoint.UDP));
        provider.addListeningPoint(stack.createListeningPoint(host, port, ListeningPoint.TCP));
        return provider;
    }

    /**
     * JAIN-SIP RI sends every UDP message from a fresh ephemeral socket unless its (unexposed)
     * {@code udpFlag} is set; then it uses the listening point's socket. A NAT mapping only lets
     * back what comes from the address and port it was opened towards, so a super-node must send
     * over a flow from the socket the flow registration reached, and a client must answer from
     * the socket it registered from.
     */
    private static void sendFromListeningSockets(SipStack stack) throws ReflectiveOperationException {
        java.lang.reflect.Field udpFlag = gov.nist.javax.sip.stack.SIPTransactionStack.class.getDeclaredField("udpFlag");
        udpFlag.setAccessible(true);
        udpFlag.setBoolean(stack, true);
    }

    /** A port free for both UDP and TCP right now (the stack binds it right after). */
    private static int freePort(InetAddress address) throws IOException {
        for (int i = 0; i < 20; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0))) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket(port, 1, address)) {
                    return port;
                } catch (IOException taken) {
                    // TCP side busy: try another
                }
            }
        }
        throw new IOException("no free UDP+TCP port on " + address.getHostAddress());
    }

    /**
     * Makes this node reachable through super-nodes (it is behind a NAT, or told to be a client):
     * it keeps flows to some of the super-nodes {@code finder} offers and publishes them as its
     * rendezvous in every binding (docs/SIP.md "Rendezvous").
     *
     * @param tcp flows over TCP (UDP is blocked) instead of UDP
     */
    public void startRendezvous(FlowClient.Settings flowSettings, Supplier<CompletableFuture<List<SuperNode>>> finder, boolean tcp) {
        if (rendezvous != null) throw new IllegalStateException("rendezvous already started");
        RendezvousClient client = new RendezvousClient(flowSettings, node, faces, sip, finder, registrar::republishAll, timer);
        client.useTcp(tcp);
        sip.nodesOverTcp(tcp); // UDP blocked: calls, CANCEL, ACK, BYE and MESSAGE to other nodes too (docs/SIP.md)
        rendezvous = client;
        client.start();
    }

    /**
     * Whether this node's UDP is blocked, learned after the rendezvous started (docs/SIP.md "UDP-blocked
     * nodes"): flows (from their next registration on) and every request to another node go over TCP.
     */
    public void useTcpToNodes(boolean tcp) {
        sip.nodesOverTcp(tcp);
        RendezvousClient client = rendezvous;
        if (client != null) client.useTcp(tcp);
    }

    /** Publishes the bindings of every registered phone again (the daemon calls it when the overlay join completes). */
    public void republishBindings() {
        registrar.republishAll();
    }

    /** The super-nodes this node has working flows to (empty when it runs no rendezvous client). */
    public List<SuperNode> rendezvousNodes() {
        RendezvousClient client = rendezvous;
        return client == null ? List.of() : client.rendezvous();
    }

    /** Client flows this node keeps as a rendezvous. */
    public int flows() {
        return rendezvousServer.size();
    }

    /** What this device's bindings list: its rendezvous when it has some, else its node face. */
    private List<BindingContact> contacts() {
        List<SuperNode> supers = rendezvousNodes();
        if (supers.isEmpty()) {
            InetSocketAddress face = sip.nodeFace();
            return List.of(BindingContact.direct(BindingContact.Transport.UDP, face.getAddress(), face.getPort()),
                    BindingContact.direct(BindingContact.Transport.TCP, face.getAddress(), face.getPort()));
        }
        List<BindingContact> out = new java.util.ArrayList<>();
        for (SuperNode s : supers) {
            out.add(BindingContact.viaRendezvous(s.id(), BindingContact.Transport.UDP, s.sip().getAddress(), s.sip().getPort()));
            out.add(BindingContact.viaRendezvous(s.id(), BindingContact.Transport.TCP, s.sip().getAddress(), s.sip().getPort()));
        }
        return out;
    }

    /** Where phones send SIP. */
    public InetSocketAddress phoneAddress() {
        return new InetSocketAddress(faces.phoneHost(), faces.phonePort());
    }

    /** Where other nodes send SIP (the contact in this node's bindings). */
    public InetSocketAddress peerAddress() {
        return new InetSocketAddress(faces.peerHost(), faces.peerPort());
    }

    /** Counters for the control endpoint's /metrics (docs/SIP.md, "Metrics"). */
    public SipMetrics metrics() {
        return metrics;
    }

    private static SipMetrics.Face face(Side side) {
        return side == Side.PEER ? SipMetrics.Face.NODE : SipMetrics.Face.PHONE;
    }

    public int registrations() {
        return registrar.size();
    }

    public int activeCalls() {
        return calls.size();
    }

    // ---- requests ----

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        SipProvider provider = (SipProvider) event.getSource();
        Side in = faces.sideOf(provider);
        String method = request.getMethod();
        if (log.isTraceEnabled()) log.trace("{} face got:\n{}", in, request);
        metrics.requestIn(face(in), method);
        try {
            if (!withinRate(in, request)) { // before the signature check: flooding must stay cheap
                metrics.refused(SipMetrics.Refusal.RATE_LIMITED);
                if (!method.equals(Request.ACK)) overloaded(provider, request);
                return;
            }
            NodeSignature.Claim claim = in == Side.PEER ? verified(request, method.equals(Request.ACK)) : null;
            if (in == Side.PEER && claim == null) {
                metrics.refused(SipMetrics.Refusal.BAD_SIGNATURE);
                if (!method.equals(Request.ACK)) statelessReply(provider, request, Response.FORBIDDEN);
                return;
            }
            if (in == Side.PHONE && !fromLoopback(request)) { // phones are trusted because they are local
                if (!method.equals(Request.ACK)) statelessReply(provider, request, Response.FORBIDDEN);
                return;
            }
            if (method.equals(Request.ACK)) {
                forwardAck(request, in, claim);
                return;
            }
            ServerTransaction st = event.getServerTransaction();
            if (st == null) {
                try {
                    st = provider.getNewServerTransaction(request);
                } catch (TransactionAlreadyExistsException retransmission) {
                    return;
                }
            }
            if (method.equals(Request.CANCEL)) {
                onCancel(st);
                return;
            }
            route(st, provider, in, request, claim);
        } catch (Exception e) {
            log.warn("{} from {} failed: {}", method, in, e.toString(), e);
            statelessReply(provider, request, Response.SERVER_INTERNAL_ERROR);
        }
    }

    private void route(ServerTransaction st, SipProvider provider, Side in, Request request, NodeSignature.Claim claim) throws Exception {
        if (sizeOf(request) > settings.maxMessageBytes()) {
            metrics.refused(SipMetrics.Refusal.OVERSIZED);
            reply(st, Response.MESSAGE_TOO_LARGE);
            return;
        }
        if (request.getMethod().equals(Request.REGISTER)) {
            if (in == Side.PHONE) registrar.onRegister(st, request);
            else rendezvousServer.onRegister(st, request, claim); // 403 unless this node serves as a rendezvous
            return;
        }
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (mf != null && mf.getMaxForwards() <= 0) { // RFC 3261 §16.3 step 2
            metrics.refused(SipMetrics.Refusal.LOOP);
            reply(st, Response.TOO_MANY_HOPS);
            return;
        }
        if (calls.size() >= settings.maxCalls()) {
            metrics.refused(SipMetrics.Refusal.OVERLOAD);
            Response busy = sip.response(Response.SERVICE_UNAVAILABLE, request);
            busy.setHeader(sip.headers.createRetryAfterHeader(RETRY_AFTER_S));
            st.sendResponse(busy);
            return;
        }
        Request copy = (Request) request.clone();
        FlowTable.Flow flow = rendezvousServer.target(copy, claim); // a phone's in-dialog request, too, when we are the callee's rendezvous
        boolean flowGone = flow == null && rendezvousServer.names(copy, claim);
        Side out = sip.popOurRoutes(copy, ownFlowToken);
        boolean inDialog = ((ToHeader) copy.getHeader(ToHeader.NAME)).getTag() != null;
        if (flowGone) {
            reply(st, Response.TEMPORARILY_UNAVAILABLE); // a client of ours, but its flow is gone
            return;
        }
        if (!inDialog && flow == null && in == Side.PEER && IceRestartSignaling.handles(copy)) {
            iceRestarts.onRequest(st, copy); // terminated here, never passed to a phone
            return;
        }
        if (inDialog) {
            if (out == null) {
                reply(st, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                return;
            }
            ProxyCall call = newCall(st, provider);
            forward(call, copy, in, out, null, false, flow);
            if (copy.getMethod().equals(Request.BYE)) {
                anchor.end(callId(copy));
                iceRestarts.forget(callId(copy));
            }
            return;
        }
        if (flow != null) { // rendezvous: on to the client over its flow, and stay on the path
            if (copy.getMethod().equals(Request.INVITE)) reply(st, Response.TRYING);
            // the client takes part in the call: its in-dialog requests come back through here
            callPeers.computeIfAbsent(callId(copy), k -> ConcurrentHashMap.newKeySet()).add(flow.client());
            forward(newCall(st, provider), copy, in, Side.PEER, null, true, flow);
            return;
        }
        routeInitial(st, provider, in, copy);
    }

    private void routeInitial(ServerTransaction st, SipProvider provider, Side in, Request copy) throws Exception {
        if (!(copy.getRequestURI() instanceof SipURI uri) || uri.getUser() == null) {
            // Addressed to the node itself (no user part): only OPTIONS makes sense.
            reply(st, copy.getMethod().equals(Request.OPTIONS) ? Response.OK : Response.NOT_FOUND);
            return;
        }
        Aor aor;
        try {
            aor = Aor.parse(uri.toString());
        } catch (IllegalArgumentException e) {
            reply(st, Response.NOT_FOUND);
            return;
        }
        if (copy.getMethod().equals(Request.INVITE)) reply(st, Response.TRYING);
        List<LocalRegistrar.Registration> local = registrar.contacts(aor);
        ProxyCall call = newCall(st, provider);
        if (!local.isEmpty() || in == Side.PEER) { // a node hands over to its phones only: no second lookup, no loop
            forwardToPhones(call, copy, in, local);
            return;
        }
        callLookups.get(aor).orTimeout(settings.lookupTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((found, error) -> onLookup(call, copy, aor, found == null ? null : found.bindings(), error), timer);
    }

    /** A DHT lookup, its latency and rounds counted for the log summary and the metrics (cache hits are not lookups). */
    private CompletableFuture<Looked> timedLookup(Aor aor) {
        long started = System.nanoTime();
        return lookup.apply(aor).whenComplete((found, error) -> { // on the thread that completed it: the lookup alone
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (error == null) {
                lookupStats.record(ms, found.rounds());
                metrics.lookup(ms);
            } else {
                lookupStats.recordFailure();
                metrics.lookupFailed();
            }
        });
    }

    private void logLookups() {
        LookupStats.Summary s = lookupStats.drain();
        if (s.lookups() + s.failed() > 0) log.info("SIP lookups, last {} s: {}", LOOKUP_SUMMARY_S, s);
    }

    private void onLookup(ProxyCall call, Request copy, Aor aor, List<VerifiedBinding> found, Throwable error) {
        if (call.isCanceled()) return;
        if (error != null) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
            log.info("lookup of {} failed: {}", aor, cause.toString());
            call.answer(cause instanceof TimeoutException ? Response.REQUEST_TIMEOUT : Response.TEMPORARILY_UNAVAILABLE);
            return;
        }
        List<VerifiedBinding> remote = found.stream().filter(b -> !b.binding().device().equals(node.nodeId())).toList();
        if (found.isEmpty()) {
            call.answer(Response.NOT_FOUND);
            return;
        }
        int sent = 0;
        for (VerifiedBinding b : remote) {
            // Direct contacts first, then the rendezvous (docs/SIP.md "Rendezvous"); one branch per
            // device, moving to its next contact when a hop is dead ("Contact fallback").
            List<BindingContact> contacts = b.binding().contacts().stream()
                    .filter(x -> x.transport() == sip.contactTransport()) // TCP ones when our UDP is blocked
                    .sorted(java.util.Comparator.comparing(BindingContact::isRendezvous)).toList();
            if (branchToDevice(call, copy, b.binding().device(), contacts, 0)) sent++;
        }
        if (sent == 0) call.answer(Response.TEMPORARILY_UNAVAILABLE);
    }

    /**
     * Sends {@code copy} to the first of {@code contacts} from {@code from} on that can be tried,
     * with a retry on the following ones; false when none could be sent.
     */
    private boolean branchToDevice(ProxyCall call, Request copy, NodeId device, List<BindingContact> contacts, int from) {
        for (int i = from; i < contacts.size(); i++) {
            BindingContact c = contacts.get(i);
            FlowTable.Flow ownFlow = null;
            if (c.isRendezvous() && c.rendezvous().equals(node.nodeId())) {
                ownFlow = rendezvousServer.flowOf(device); // we are its rendezvous: straight over our flow, no hop to ourselves
                if (ownFlow == null) continue; // stale binding: try its other contacts
            }
            int next = i + 1;
            ProxyCall.Retry retry = next < contacts.size() ? () -> {
                if (!call.open()) return;
                log.info("branch to {} failed at contact {}: trying its next", device.shortHex(), c);
                if (!branchToDevice(call, copy, device, contacts, next)) log.info("no other contact of {} answered", device.shortHex());
            } : null;
            try {
                Request branch = (Request) copy.clone();
                Set<NodeId> peers = callPeers.computeIfAbsent(callId(copy), k -> ConcurrentHashMap.newKeySet());
                peers.add(device);
                if (ownFlow != null) {
                    forward(call, branch, Side.PHONE, Side.PEER, null, true, ownFlow, retry);
                    return true;
                }
                if (c.isRendezvous()) { // through the super-node the device keeps a flow to; it signs what it forwards
                    branch.addFirst(sip.routeToFlow(FlowToken.of(device), c.address().getHostAddress(), c.port()));
                    peers.add(c.rendezvous());
                } else {
                    branch.addFirst(sip.routeTo(c.address().getHostAddress(), c.port()));
                }
                forward(call, branch, Side.PHONE, Side.PEER, null, true, null, retry);
                return true;
            } catch (Exception e) {
                log.info("branch to {} not sent: {}", device.shortHex(), e.toString());
            }
        }
        return false;
    }

    private void forwardToPhones(ProxyCall call, Request copy, Side in, List<LocalRegistrar.Registration> local) throws Exception {
        if (local.isEmpty()) {
            call.answer(Response.TEMPORARILY_UNAVAILABLE);
            return;
        }
        int sent = 0;
        for (LocalRegistrar.Registration r : local) {
            try {
                Request branch = (Request) copy.clone();
                forward(call, branch, in, Side.PHONE, sip.addresses.createURI(r.contactUri()), true);
                sent++;
            } catch (Exception e) {
                log.info("branch to phone {} not sent: {}", r.contactUri(), e.toString());
            }
        }
        if (sent == 0) call.answer(Response.TEMPORARILY_UNAVAILABLE);
    }

    private void forward(ProxyCall call, Request r, Side in, Side out, javax.sip.address.URI target, boolean recordRoute)
            throws Exception {
        forward(call, r, in, out, target, recordRoute, null, null);
    }

    private void forward(ProxyCall call, Request r, Side in, Side out, javax.sip.address.URI target, boolean recordRoute,
                         FlowTable.Flow flow) throws Exception {
        forward(call, r, in, out, target, recordRoute, flow, null);
    }

    /**
     * RFC 3261 §16.6: one branch of {@code call}; over {@code flow} when not null (this node is the
     * client's rendezvous); {@code retry} (may be null) tries the device's next contact if this hop fails.
     */
    private void forward(ProxyCall call, Request r, Side in, Side out, javax.sip.address.URI target, boolean recordRoute,
                         FlowTable.Flow flow, ProxyCall.Retry retry) throws Exception {
        if (target != null) r.setRequestURI(target);
        sip.decrementMaxForwards(r);
        try { // before the transport choice: the anchored body is larger (ICE candidates)
            anchorBody(r, in, out, MediaAnchor.Carrier.REQUEST);
        } catch (MediaAnchor.Refused e) {
            log.info("{} not anchored: {}", r.getMethod(), e.getMessage());
            call.answer(Response.NOT_ACCEPTABLE_HERE);
            return;
        }
        if (recordRoute && isDialogCreating(r.getMethod())) {
            List<SuperNode> edges = out == Side.PEER && flow == null ? rendezvousNodes() : List.of();
            if (flow != null) {
                sip.recordRouteFlow(r, in, FlowToken.of(flow.client()));
            } else if (!edges.isEmpty()) { // we are a DHT client: the far side reaches us through our flow
                SuperNode edge = edges.get(0);
                sip.recordRouteOwnFlow(r, in, ownFlowToken, edge.sip(), sip.nodesOverTcp());
                callPeers.computeIfAbsent(callId(r), k -> ConcurrentHashMap.newKeySet()).add(edge.id()); // it signs what it forwards
            } else {
                sip.recordRoute(r, in, out);
            }
        }
        String transport = outTransport(r, out, flow);
        String viaBranch = sip.pushVia(r, out, transport);
        if (flow != null) router.pin(viaBranch, flow.address(), transport);
        r.removeHeader(NodeSignature.HEADER);
        if (out == Side.PEER) sip.sign(r, node, System.currentTimeMillis());
        ClientTransaction ct = faces.provider(out).getNewClientTransaction(r);
        metrics.requestOut(face(out), r.getMethod());
        ProxyCall.Branch branch = call.add(ct, retry);
        branches.put(ct, branch);
        branchSides.put(ct, out);
        try {
            ct.sendRequest();
        } catch (Exception e) {
            branches.remove(ct);
            branchSides.remove(ct);
            call.onFailure(branch);
            return;
        }
        if (retry != null && r.getMethod().equals(Request.INVITE)) { // a live next hop sends 100 Trying at once
            timer.schedule(() -> call.onSilence(branch), BRANCH_SILENCE_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Hands an SDP body crossing from one face to the other to the media anchor (docs/MEDIA.md). */
    private void anchorBody(javax.sip.message.Message m, Side from, Side to, MediaAnchor.Carrier carrier) throws MediaAnchor.Refused, ParseException {
        if (from == to) return;
        iceRestarts.noteCall(m, from, to);
        byte[] body = m.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) m.getHeader(ContentTypeHeader.NAME);
        if (body == null || body.length == 0 || type == null
                || !"application".equalsIgnoreCase(type.getContentType()) || !"sdp".equalsIgnoreCase(type.getContentSubType())) {
            return;
        }
        byte[] rewritten = anchor.rewrite(callId(m), from, to, carrier, body);
        if (rewritten != body) m.setContent(rewritten, type);
    }

    private static boolean isDialogCreating(String method) {
        return method.equals(Request.INVITE) || method.equals(Request.SUBSCRIBE) || method.equals("REFER");
    }

    private ProxyCall newCall(ServerTransaction st, SipProvider provider) {
        Request request = st.getRequest();
        boolean initialInvite = request.getMethod().equals(Request.INVITE)
                && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null;
        SipMetrics.Direction direction = faces.sideOf(provider) == Side.PHONE ? SipMetrics.Direction.OUTGOING
                : SipMetrics.Direction.INCOMING;
        if (initialInvite) metrics.callAttempted(direction);
        ProxyCall[] self = new ProxyCall[1];
        ProxyCall call = new ProxyCall(st, provider, sip, this::sendCancel, timer, status -> { // once, under the call's lock
            if (!initialInvite) return;
            metrics.callEnded(direction, status);
            if (status == Response.REQUEST_TIMEOUT || status == Response.TEMPORARILY_UNAVAILABLE
                    || status == Response.SERVICE_UNAVAILABLE) {
                forgetLookup(request); // its devices could not be reached: look them up afresh next time
            }
        }, () -> { // may run again when a late branch ends
            calls.remove(st);
            if (initialInvite && !self[0].succeeded()) { // no call: no media
                anchor.end(callId(request));
                iceRestarts.forget(callId(request));
            }
        });
        self[0] = call;
        calls.put(st, call);
        return call;
    }

    private void forgetLookup(Request request) {
        try {
            callLookups.forget(Aor.parse(request.getRequestURI().toString()));
        } catch (IllegalArgumentException notAnAor) {
            // addressed to a node or a contact: nothing was looked up
        }
    }

    private void sendCancel(ClientTransaction branch, Request cancel) throws Exception {
        Side out = branchSides.getOrDefault(branch, Side.PHONE);
        if (out == Side.PEER) sip.sign(cancel, node, System.currentTimeMillis());
        faces.provider(out).getNewClientTransaction(cancel).sendRequest();
    }

    private void onCancel(ServerTransaction cancelSt) throws Exception {
        ServerTransaction invite = ((gov.nist.javax.sip.stack.SIPServerTransaction) cancelSt).getCanceledInviteTransaction();
        ProxyCall call = invite == null ? null : calls.get(invite);
        if (call == null) { // RFC 3261 §9.2
            reply(cancelSt, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        reply(cancelSt, Response.OK);
        call.cancelAll();
    }

    /**
     * The transport a request leaves on. Towards a node: TCP when it is too big for UDP (RFC 3261
     * §18.1.1), and over a flow the flow's own transport (a NAT lets nothing else in). Phones: UDP.
     */
    private String outTransport(Request r, Side out, FlowTable.Flow flow) throws java.text.ParseException {
        if (flow != null) return flow.transport() == FlowTable.Transport.TCP ? ListeningPoint.TCP : ListeningPoint.UDP;
        if (out == Side.PEER && sip.tcpToNode(r)) { // or our UDP is blocked (docs/SIP.md "UDP-blocked nodes")
            SipMessages.preferTcp(r);
            return ListeningPoint.TCP;
        }
        return ListeningPoint.UDP;
    }

    /** ACK of a 2xx: end to end along the Route set, statelessly (RFC 3261 §16.11). */
    private void forwardAck(Request request, Side in, NodeSignature.Claim claim) throws Exception {
        Request copy = (Request) request.clone();
        FlowTable.Flow flow = rendezvousServer.target(copy, claim);
        Side out = sip.popOurRoutes(copy, ownFlowToken);
        if (out == null) return; // not routed through us: nothing to do
        sip.decrementMaxForwards(copy);
        try {
            anchorBody(copy, in, out, MediaAnchor.Carrier.ACK); // a late offer's answer (RFC 3264 §4)
        } catch (MediaAnchor.Refused e) {
            log.info("ACK's answer not anchored: {}", e.getMessage());
        }
        String transport = outTransport(copy, out, flow);
        String viaBranch = sip.pushVia(copy, out, transport);
        if (flow != null) router.pin(viaBranch, flow.address(), transport);
        copy.removeHeader(NodeSignature.HEADER);
        if (out == Side.PEER) sip.sign(copy, node, System.currentTimeMillis());
        if (log.isTraceEnabled()) log.trace("ACK out through the {} face:\n{}", out, copy);
        faces.provider(out).sendRequest(copy);
    }

    /** The verified signer of a node-face request, or null (refused: 403). */
    private NodeSignature.Claim verified(Request request, boolean quiet) {
        long now = System.currentTimeMillis();
        try {
            NodeSignature.Claim claim = NodeSignature.verify(SipMessages.signature(request), SipMessages.signedFields(request), now, signerKeys);
            synchronized (replays) {
                replays.check(claim, now);
            }
            boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
            Set<NodeId> known = callPeers.get(callId(request));
            if (inDialog && known != null && !known.contains(claim.nodeId())) {
                throw new SignatureException(SignatureException.Reason.UNEXPECTED_NODE,
                        claim.nodeId().shortHex() + " is not part of this call");
            }
            if (!inDialog) callPeers.computeIfAbsent(callId(request), k -> ConcurrentHashMap.newKeySet()).add(claim.nodeId());
            return claim;
        } catch (SignatureException e) {
            if (!quiet) log.info("refused {} from a node: {}", request.getMethod(), e.getMessage());
            return null;
        }
    }

    /** Issue #4 "Rate limits per source": one token per request from this source IP on this face. */
    private boolean withinRate(Side in, Request request) {
        InetAddress source = request instanceof SIPMessage m ? m.getRemoteAddress() : null;
        if (source == null) return true;
        SourceRateLimiter limiter = in == Side.PEER ? peerSources : phoneSources;
        long now = System.currentTimeMillis();
        boolean allowed;
        synchronized (limiter) {
            allowed = limiter.allow(source, now);
        }
        if (!allowed) log.debug("{} from {} over the {} face's per-source rate: 503", request.getMethod(), source.getHostAddress(), in);
        return allowed;
    }

    /** 503 with Retry-After (RFC 3261 §21.5.4), sent statelessly: an overloaded source gets no transaction. */
    private void overloaded(SipProvider provider, Request request) {
        try {
            Response busy = sip.response(Response.SERVICE_UNAVAILABLE, request);
            busy.setReasonPhrase("Over Source Rate"); // tells it from the in-progress cap's 503 in a trace
            busy.setHeader(sip.headers.createRetryAfterHeader(RETRY_AFTER_S));
            provider.sendResponse(busy);
        } catch (Exception e) {
            log.debug("503 not sent: {}", e.toString());
        }
    }

    private static String callId(javax.sip.message.Message r) {
        return ((javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
    }

    /**
     * The request's size: as received when the stack parsed it from a datagram (header bytes up to
     * the blank line + body; re-encoding a whole request per hop only to measure it cost ~2 % of a
     * node's CPU), else (TCP, or made here) as encoded.
     */
    static int sizeOf(Request request) {
        if (request instanceof SIPMessage m && m.getSize() > 0) {
            byte[] body = request.getRawContent();
            return m.getSize() + (body == null ? 0 : body.length);
        }
        return request.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static boolean fromLoopback(Request request) {
        InetAddress remote = request instanceof SIPMessage m ? m.getRemoteAddress() : null;
        return remote == null || remote.isLoopbackAddress();
    }

    private void reply(ServerTransaction st, int status) throws Exception {
        st.sendResponse(sip.response(status, st.getRequest()));
    }

    private void statelessReply(SipProvider provider, Request request, int status) {
        try {
            provider.sendResponse(sip.response(status, request));
        } catch (Exception e) {
            log.debug("{} not sent: {}", status, e.toString());
        }
    }

    // ---- responses and transaction events ----

    @Override
    public void processResponse(ResponseEvent event) {
        RendezvousClient flowsOut = rendezvous;
        if (flowsOut != null && flowsOut.onResponse(event.getClientTransaction(), event.getResponse())) return;
        if (iceRestarts.onResponse(event.getClientTransaction(), event.getResponse())) return;
        metrics.responseIn(face(faces.sideOf((SipProvider) event.getSource())), event.getResponse().getStatusCode());
        Response response = (Response) event.getResponse().clone();
        response.removeFirst(javax.sip.header.ViaHeader.NAME); // RFC 3261 §16.7 step 3
        ClientTransaction ct = event.getClientTransaction();
        ProxyCall.Branch branch = ct == null ? null : branches.get(ct);
        if (branch != null) {
            Side from = branchSides.get(ct);
            if (from != null && response.getStatusCode() > 100 && response.getStatusCode() < 300) {
                try {
                    anchorBody(response, from, faces.sideOf(branch.call.inbound()), MediaAnchor.Carrier.RESPONSE);
                } catch (MediaAnchor.Refused | ParseException e) {
                    log.info("{} answer not anchored: {}", response.getStatusCode(), e.getMessage());
                }
            }
            branch.call.onResponse(branch, response);
            return;
        }
        forwardStray(response, faces.sideOf((SipProvider) event.getSource()));
    }

    /** A response no client transaction knows, straight from the stack (StrayResponseValve). */
    private void onStrayResponse(Response response, int localPort) {
        Side from = localPort == faces.peerPort() ? Side.PEER : Side.PHONE;
        metrics.responseIn(face(from), response.getStatusCode());
        metrics.strayResponse();
        Response copy = (Response) response.clone();
        copy.removeFirst(javax.sip.header.ViaHeader.NAME); // RFC 3261 §16.7 step 3
        forwardStray(copy, from);
    }

    /** A 2xx retransmission after the transaction ended, or a stray: forward statelessly by Via (§16.11). */
    private void forwardStray(Response response, Side from) {
        if (response.getHeader(javax.sip.header.ViaHeader.NAME) == null) return;
        try {
            SipProvider via = from == Side.PEER ? faces.phone() : faces.peer();
            if (!sameAnchoredBody(response, from)) return;
            via.sendResponse(response);
        } catch (Exception e) {
            log.debug("stray response not forwarded: {}", e.toString());
        }
    }

    /** A forwarded 2xx retransmission gets the anchored body of the first 2xx; false: drop it (docs/MEDIA.md). */
    private boolean sameAnchoredBody(Response response, Side from) throws ParseException {
        byte[] body = response.getRawContent();
        if (response.getStatusCode() / 100 != 2 || body == null || body.length == 0) return true;
        byte[] out = anchor.repeat(callId(response), from, body);
        if (out == null) {
            log.debug("{} retransmission with a body the anchor did not rewrite: dropped", response.getStatusCode());
            return false;
        }
        if (out != body) response.setContent(out, (ContentTypeHeader) response.getHeader(ContentTypeHeader.NAME));
        return true;
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) return;
        RendezvousClient flowsOut = rendezvous;
        if (flowsOut != null) flowsOut.onTimeout(event.getClientTransaction());
        iceRestarts.onTimeout(event.getClientTransaction());
        ProxyCall.Branch branch = branches.remove(event.getClientTransaction());
        if (branch != null) branch.call.onFailure(branch);
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.debug("SIP IO error towards {}:{}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        if (event.isServerTransaction()) {
            calls.remove(event.getServerTransaction());
        } else {
            ClientTransaction ct = event.getClientTransaction();
            iceRestarts.onTimeout(ct); // one of ours ended without a final response: a failed branch
            ProxyCall.Branch branch = branches.remove(ct);
            branchSides.remove(ct);
            if (branch != null) branch.call.onFailure(branch);
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // no dialogs: a proxy keeps none
    }

    /** Withdraws every binding of registered phones (tombstones), then stops the stack. */
    @Override
    public void close() {
        try {
            registrar.withdrawAll().get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.info("bindings not all withdrawn at shutdown: {}", e.toString());
        }
        timer.shutdownNow();
        StrayResponseValve.detach(stack);
        stack.stop();
        anchor.close();
    }
}
