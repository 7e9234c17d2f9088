package io.peerdial.node.daemon;

import io.peerdial.location.binding.Binding;
import io.peerdial.location.binding.BindingContact;
import io.peerdial.location.binding.Reachability;
import io.peerdial.location.entry.SignedEntry;
import io.peerdial.location.map.EntryPublisher;
import io.peerdial.location.map.PublishResult;
import io.peerdial.location.runtime.RuntimeOverlayAccess;
import io.peerdial.location.service.BindingPublisher;
import io.peerdial.location.storage.BindingStoragePolicy;
import io.peerdial.location.storage.StorageLimits;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.node.control.BindingJson;
import io.peerdial.node.control.BindingRequest;
import io.peerdial.node.control.ControlServer;
import io.peerdial.overlay.limit.SourceRateLimiter;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayConfig;
import io.peerdial.overlay.kademlia.OverlayEvent;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.runtime.IdentityStore;
import io.peerdial.overlay.runtime.OverlayRuntime;
import java.io.IOException;
import java.net.BindException;
import io.peerdial.location.io.PinStore;
import io.peerdial.location.service.Location;
import io.peerdial.node.sip.transport.Registrar;
import io.peerdial.node.sip.transport.SipService;
import io.peerdial.node.media.ice.IceConfig;
import io.peerdial.node.media.net.NodeMediaAnchor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@code peerdial node}: identity from the data directory, the overlay on its UDP
 * runtime, the join through the bootstrap nodes, and the loopback control endpoint.
 */
public final class NodeDaemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeDaemon.class);

    /**
     * What {@code peerdial node} was asked for; {@code anchors}: domain CA keys storing and reading enforce;
     * {@code sip}: where local phones talk SIP ({@code null}: no SIP service);
     * {@code sipPhoneLimit} / {@code sipNodeLimit}: per-source-IP request rates of the phone and node faces;
     * {@code overlayTransport}: UDP, TCP, or TCP once UDP turns out blocked (docs/PROTOCOL.md "Datagrams over TCP").
     */
    public record Settings(InetSocketAddress listen, List<InetSocketAddress> bootstrap, Path dataDir,
                           InetSocketAddress control, Role role, TrustAnchors anchors, InetSocketAddress sip,
                           SipService.SourceLimit sipPhoneLimit, SipService.SourceLimit sipNodeLimit,
                           io.peerdial.node.sip.ServedAors served, OverlayTransport overlayTransport) {
        public Settings {
            bootstrap = List.copyOf(bootstrap);
            java.util.Objects.requireNonNull(overlayTransport, "overlayTransport");
            java.util.Objects.requireNonNull(anchors, "anchors");
            java.util.Objects.requireNonNull(sipPhoneLimit, "sipPhoneLimit");
            java.util.Objects.requireNonNull(sipNodeLimit, "sipNodeLimit");
            java.util.Objects.requireNonNull(served, "served");
        }

        public Settings(InetSocketAddress listen, List<InetSocketAddress> bootstrap, Path dataDir, InetSocketAddress control,
                        Role role, TrustAnchors anchors, InetSocketAddress sip, SipService.SourceLimit sipPhoneLimit,
                        SipService.SourceLimit sipNodeLimit, io.peerdial.node.sip.ServedAors served) {
            this(listen, bootstrap, dataDir, control, role, anchors, sip, sipPhoneLimit, sipNodeLimit, served, OverlayTransport.AUTO);
        }

        /** These settings with {@code --overlay-transport}. */
        public Settings withOverlayTransport(OverlayTransport transport) {
            return new Settings(listen, bootstrap, dataDir, control, role, anchors, sip, sipPhoneLimit, sipNodeLimit, served, transport);
        }

        public Settings(InetSocketAddress listen, List<InetSocketAddress> bootstrap, Path dataDir, InetSocketAddress control, Role role,
                        TrustAnchors anchors, InetSocketAddress sip, SipService.SourceLimit sipPhoneLimit,
                        SipService.SourceLimit sipNodeLimit) {
            this(listen, bootstrap, dataDir, control, role, anchors, sip, sipPhoneLimit, sipNodeLimit,
                    io.peerdial.node.sip.ServedAors.ANY);
        }

        public Settings(InetSocketAddress listen, List<InetSocketAddress> bootstrap, Path dataDir, InetSocketAddress control, Role role,
                        TrustAnchors anchors, InetSocketAddress sip) {
            this(listen, bootstrap, dataDir, control, role, anchors, sip, SipService.SourceLimit.DEFAULT, SipService.SourceLimit.DEFAULT);
        }

        public Settings(InetSocketAddress listen, List<InetSocketAddress> bootstrap, Path dataDir, InetSocketAddress control, Role role,
                        TrustAnchors anchors) {
            this(listen, bootstrap, dataDir, control, role, anchors, null);
        }

        public Settings(InetSocketAddress listen, List<InetSocketAddress> bootstrap, Path dataDir, InetSocketAddress control, Role role) {
            this(listen, bootstrap, dataDir, control, role, TrustAnchors.none());
        }
    }

    /** Signed writes per second one source IP may make on this node (burst twice that). */
    static final double WRITES_PER_SOURCE_PER_SECOND = 100;

    private final Settings settings;
    private final OverlayRuntime runtime;
    private final ControlServer control;
    private final RuntimeOverlayAccess access;
    private final BindingPublisher bindings;
    private final NodeKeyPair userKey;
    private volatile SipService sip;
    private volatile NodeMediaAnchor media;
    private volatile io.peerdial.node.relay.runtime.RelayService relay;
    private volatile io.peerdial.node.relay.runtime.RelayIceServers relayIce;
    private volatile java.util.concurrent.ScheduledExecutorService watcher;
    private volatile java.util.concurrent.ScheduledExecutorService transportWatcher;
    private volatile java.util.concurrent.ScheduledExecutorService rejoiner;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private NodeDaemon(Settings settings, OverlayRuntime runtime, ControlServer control, RuntimeOverlayAccess access,
                       NodeKeyPair userKey) {
        this.settings = settings;
        this.runtime = runtime;
        this.control = control;
        this.access = access;
        this.bindings = new BindingPublisher(new EntryPublisher(access));
        this.userKey = userKey;
    }

    /**
     * Starts the node and begins the join (which finishes in the background).
     *
     * @throws IOException with a one-line message for the user (naming the address or path at fault)
     */
    public static NodeDaemon start(Settings settings) throws IOException {
        return start(settings, io.peerdial.node.relay.RelayOptions.off());
    }

    /** As {@link #start(Settings)}, with the relay service (docs/RELAY.md, "Relays in the overlay"). */
    public static NodeDaemon start(Settings settings, io.peerdial.node.relay.RelayOptions relayOptions) throws IOException {
        IdentityStore store = new IdentityStore(settings.dataDir());
        SecureRandom secure = new SecureRandom();
        NodeKeyPair identity = store.loadOrCreateNode(secure);
        NodeKeyPair userKey = store.loadOrCreateUser(secure);
        OverlayConfig config = OverlayConfig.defaults().withClient(settings.role() == Role.CLIENT)
                .withAutoClient(settings.role() == Role.AUTO);
        OverlayRuntime runtime;
        try {
            runtime = OverlayRuntime.start(settings.listen(),
                    local -> new OverlayNode(config, identity, new BindingStoragePolicy(StorageLimits.DEFAULT, settings.anchors(),
                            new SourceRateLimiter(WRITES_PER_SOURCE_PER_SECOND, 2 * WRITES_PER_SOURCE_PER_SECOND, 4_096,
                                    secure.nextLong())),
                            secure),
                    NodeDaemon::onEvent);
        } catch (BindException e) {
            throw bindFailure(settings.listen(), e);
        }
        NodeDaemon[] self = new NodeDaemon[1];
        ControlServer control;
        try {
            control = ControlServer.start(settings.control(), () -> self[0].snapshot(), request -> self[0].register(request));
        } catch (BindException e) {
            runtime.close();
            throw bindFailure(settings.control(), e);
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
        if (settings.overlayTransport() == OverlayTransport.TCP) {
            try {
                runtime.useTcp(true).get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                runtime.close();
                control.close();
                throw new IOException("overlay over TCP not started: " + e, e);
            }
        }
        NodeDaemon daemon = new NodeDaemon(settings, runtime, control, new RuntimeOverlayAccess(runtime), userKey);
        self[0] = daemon;
        if (settings.sip() != null) {
            try {
                daemon.sip = startSip(settings, daemon, identity);
            } catch (IOException | RuntimeException e) {
                daemon.close();
                throw e;
            }
        }
        log.info("node {} listening on {} (control: http://{}/status, role {})", runtime.nodeId(),
                HostPort.format(runtime.localAddress()), HostPort.format(control.address()), settings.role().cliName());
        daemon.relay = io.peerdial.node.relay.runtime.RelayService.start(relayOptions, settings.role(), runtime,
                new io.peerdial.location.map.SignedDhtMap(daemon.access, identity, java.time.Duration.ofMinutes(30)), identity,
                settings.listen().getAddress());
        if (daemon.sip != null) {
            // relay candidates for calls: credentials fetched ahead while this node needs a relay (docs/MEDIA.md)
            daemon.relayIce = io.peerdial.node.relay.runtime.RelayIceServers.start(daemon.relay.client(), daemon::needsRelay, daemon::udpBlocked);
        }
        daemon.join();
        if (settings.overlayTransport() == OverlayTransport.AUTO && !settings.bootstrap().isEmpty()) daemon.watchUdpBlock();
        daemon.rejoinWhenAlone();
        if (daemon.sip != null) daemon.watchReachability();
        return daemon;
    }

    /**
     * The SIP service (docs/SIP.md): phones on --sip, other nodes on the overlay's host at the overlay's
     * port + 1 (UDP and TCP), the convention by which a client finds a super-node's node face from its
     * overlay contact ("Rendezvous"); a free port if that one is taken (then this node cannot be a rendezvous).
     */
    private static SipService startSip(Settings settings, NodeDaemon daemon, NodeKeyPair identity) throws IOException {
        InetAddress host = settings.listen().getAddress().isAnyLocalAddress()
                ? InetAddress.getLoopbackAddress() // until reachability discovery gives a public address (docs/SIP.md)
                : settings.listen().getAddress();
        PinStore pinStore = new PinStore(settings.dataDir());
        Location location = new Location(daemon.access, settings.anchors(), pinStore.load(), pins -> {
            try {
                pinStore.save(pins);
            } catch (IOException e) {
                log.warn("pins not saved: {}", e.toString());
            }
        });
        Registrar.Bindings bindings = Registrar.Bindings.of(daemon.bindings, daemon.userKey, identity.nodeId());
        // Media anchoring (docs/MEDIA.md): phones send RTP to the node on the SIP phone face's address;
        // ICE candidates come from the node's own host, STUN against the bootstrap nodes' overlay ports,
        // relay candidates from a super-node's TURN server once credentials are at hand (never waited for here).
        List<InetSocketAddress> stun = settings.bootstrap().stream().limit(2).toList();
        NodeMediaAnchor media = new NodeMediaAnchor(settings.sip().getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
                : settings.sip().getAddress(), () -> {
                    var relayIce = daemon.relayIce;
                    return IceConfig.forNodeAddress(host).withStunServers(stun)
                            .withTurnServers(relayIce == null ? List.of() : relayIce.turnServers());
                }, 1_000);
        media.warmUp();
        daemon.media = media;
        media.relayFailover(new io.peerdial.node.media.net.RelayFailover(
                () -> daemon.relayIce == null ? List.of() : daemon.relayIce.turnServers(),
                () -> daemon.relayIce == null ? List.of() : daemon.relayIce.fallbackTurnServers(),
                dead -> {
                    if (daemon.relayIce != null) daemon.relayIce.relayFailed(dead);
                }));
        // receipts for the relays calls allocate on (docs/INCENTIVES.md, "Receipts from calls")
        media.relayReceipts(server -> daemon.relayIce == null ? java.util.Optional.empty() : daemon.relayIce.credentialsFor(server),
                (credentials, relayed, mapped) -> daemon.relay.client().receipts().open(credentials, relayed, mapped));
        int facePort = daemon.runtime.localAddress().getPort() + SIP_FACE_PORT_OFFSET;
        SipService.Settings sip = SipService.Settings.of(settings.sip(), new InetSocketAddress(host, facePort))
                .withSourceLimits(settings.sipPhoneLimit(), settings.sipNodeLimit())
                .withServed(settings.served())
                .withMaxFlows(settings.role() == Role.CLIENT ? 0 : SipService.DEFAULT_MAX_FLOWS);
        try {
            return SipService.start(sip, identity, (SipService.Finder) location::find, bindings, media);
        } catch (IOException e) {
            if (facePort > 65535 && settings.role() == Role.SUPER) throw e;
            log.warn("SIP node face: port {} (overlay port + {}) not usable ({}); using a free port: other nodes cannot use "
                    + "this node as a rendezvous", facePort, SIP_FACE_PORT_OFFSET, e.getMessage());
            return SipService.start(new SipService.Settings(sip.phones(), new InetSocketAddress(host, 0), sip.lookupTimeout(),
                    sip.maxCalls(), sip.maxMessageBytes(), sip.phoneSources(), sip.peerSources(), sip.maxFlows(), sip.served()),
                    identity, (SipService.Finder) location::find, bindings, media);
        }
    }

    /** The media anchor of the SIP service (docs/MEDIA.md), or null when the node runs without SIP. */
    public NodeMediaAnchor media() {
        return media;
    }

    /** A node's SIP node face is at its overlay port + this (docs/SIP.md "Rendezvous"). */
    public static final int SIP_FACE_PORT_OFFSET = 1;

    /**
     * Starts the rendezvous client once this node is a DHT client (--role client, or auto after
     * finding itself behind a NAT): flows to super-nodes of its routing table, over TCP if UDP is blocked.
     */
    private void watchReachability() {
        java.util.concurrent.ScheduledExecutorService watch = watcherThread("peerdial-rendezvous-watch");
        watcher = watch;
        watch.scheduleWithFixedDelay(() -> {
            SipService service = sip;
            if (service == null || closed.get()) return;
            try {
                var status = runtime.status().get(5, java.util.concurrent.TimeUnit.SECONDS);
                boolean client = settings.role() == Role.CLIENT || settings.role() == Role.AUTO && status.client();
                if (!client) return;
                boolean tcp = status.reachability() == io.peerdial.overlay.nat.Reachability.UDP_BLOCKED;
                log.info("not publicly reachable (role {}, {}): keeping flows to super-nodes over {}", statusRole(status),
                        status.reachability(), tcp ? "TCP" : "UDP");
                service.startRendezvous(io.peerdial.node.sip.rendezvous.FlowClient.Settings.DEFAULT, this::superNodes, tcp);
                watch.shutdown();
            } catch (Exception e) {
                log.debug("reachability not known yet: {}", e.toString());
            }
        }, 1, 2, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** How often --overlay-transport auto checks whether UDP is blocked (and joins again while it knows nobody). */
    static final long TRANSPORT_CHECK_MS = 2_000;
    /** A node moved to TCP that met nobody over TCP this long goes back to UDP (its bootstrap nodes may be down, not its UDP). */
    static final long TCP_GIVE_UP_MS = 30_000;

    /**
     * --overlay-transport auto: while the node knows nobody it joins again (the classifier needs a
     * few unanswered requests to call UDP blocked); once reachability says UDP_BLOCKED it moves its
     * overlay to TCP and joins through the bootstrap nodes over TCP (docs/PROTOCOL.md "Datagrams over TCP").
     */
    private void watchUdpBlock() {
        java.util.concurrent.ScheduledExecutorService watch = watcherThread("peerdial-transport-watch");
        transportWatcher = watch;
        long[] tcpSince = new long[1]; // only the watcher thread touches it
        watch.scheduleWithFixedDelay(() -> {
            if (closed.get()) return;
            try {
                var status = runtime.status().get(5, java.util.concurrent.TimeUnit.SECONDS);
                long now = System.nanoTime();
                if (runtime.usesTcp()) { // switched: join over TCP until some node is known (an old join may still run)
                    if (status.contacts() > 0) {
                        watch.shutdown();
                    } else if (now - tcpSince[0] >= java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(TCP_GIVE_UP_MS)) {
                        // Nobody over TCP either: the bootstrap nodes may just be down, not our UDP. Try UDP again.
                        log.warn("no node answered over TCP within {} s either: back to UDP", TCP_GIVE_UP_MS / 1000);
                        runtime.useTcp(false).get(5, java.util.concurrent.TimeUnit.SECONDS);
                        sipOverTcp(false);
                        join();
                    } else {
                        join();
                    }
                } else if (status.reachability() == io.peerdial.overlay.nat.Reachability.UDP_BLOCKED) {
                    log.warn("UDP looks blocked (no answer from any node): overlay over TCP now, joining again through {}",
                            settings.bootstrap());
                    runtime.useTcp(true).get(5, java.util.concurrent.TimeUnit.SECONDS);
                    sipOverTcp(true); // a --role client node's rendezvous may have started on UDP already
                    tcpSince[0] = now;
                    join();
                } else if (status.contacts() == 0 && status.reachability() == io.peerdial.overlay.nat.Reachability.UNKNOWN) {
                    join(); // a join still running refuses: then the next check tries again
                } else if (status.reachability() != io.peerdial.overlay.nat.Reachability.UNKNOWN) {
                    watch.shutdown(); // some node answered over UDP: UDP works
                }
            } catch (Exception e) {
                log.debug("transport check: {}", e.toString());
            }
        }, TRANSPORT_CHECK_MS, TRANSPORT_CHECK_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void sipOverTcp(boolean tcp) {
        SipService service = sip;
        if (service != null) service.useTcpToNodes(tcp);
    }

    /** Super-node candidates: the full DHT members closest to this node, their node face at overlay port + 1. */
    private CompletableFuture<List<io.peerdial.node.sip.rendezvous.SuperNode>> superNodes() {
        return runtime.findNode(runtime.nodeId()).thenApply(done -> done.closest().stream()
                .filter(c -> c.address().getPort() + SIP_FACE_PORT_OFFSET <= 65535)
                .map(c -> new io.peerdial.node.sip.rendezvous.SuperNode(c.id(),
                        new InetSocketAddress(c.address().getAddress(), c.address().getPort() + SIP_FACE_PORT_OFFSET)))
                .toList());
    }

    /** Whether calls need relay candidates now (io.peerdial.node.relay.RelayNeed); on the relay-ICE timer thread. */
    private boolean needsRelay() {
        try {
            var status = runtime.status().get(5, java.util.concurrent.TimeUnit.SECONDS);
            var service = relay;
            boolean serving = service != null && "relay".equals(service.status().role());
            return io.peerdial.node.relay.RelayNeed.needsRelay(settings.role(), status.reachability(), serving);
        } catch (Exception e) {
            log.debug("reachability not known: {}", e.toString());
            return false;
        }
    }

    /** Whether this node's UDP is blocked: then its TURN servers are reached over TCP (RelayNeed.turnOverTcp). */
    public boolean udpBlocked() {
        try {
            return io.peerdial.node.relay.RelayNeed.turnOverTcp(runtime.status().get(5, java.util.concurrent.TimeUnit.SECONDS).reachability());
        } catch (Exception e) {
            log.debug("reachability not known: {}", e.toString());
            return false;
        }
    }

    /** Relay candidates for ICE (TURN servers with fresh credentials), or null when the node runs without SIP. */
    public io.peerdial.node.relay.runtime.RelayIceServers relayIce() {
        return relayIce;
    }

    /** The SIP service, or null when the node runs without one. */
    public SipService sip() {
        return sip;
    }

    private static IOException bindFailure(InetSocketAddress address, BindException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        return msg.toLowerCase().contains("in use")
                ? new IOException("address already in use: " + HostPort.format(address), e)
                : new IOException("cannot bind " + HostPort.format(address) + ": " + msg, e);
    }

    private void join() {
        if (settings.bootstrap().isEmpty()) {
            log.info("no bootstrap given: first node of a new overlay");
        }
        runtime.join(settings.bootstrap()).whenComplete((done, error) -> {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).contains("already running")) {
                log.debug("join not started: {}", cause.getMessage()); // the running one goes on
            } else if (error != null) {
                log.warn("join failed: {}", error.toString());
            } else if (!settings.bootstrap().isEmpty()) {
                log.info("joined the overlay through {} bootstrap node(s): {} contacts", settings.bootstrap().size(), done.contacts());
                SipService s = sip;
                if (s != null) s.republishBindings(); // a phone may have registered while there was no node to store on
            }
        });
    }

    /** How often a node with bootstrap nodes checks that its routing table is not empty. */
    private static final long REJOIN_CHECK_S = 5;

    /** One daemon thread for one of the node's periodic watchers (it must not keep the JVM alive). */
    private static java.util.concurrent.ScheduledExecutorService watcherThread(String name) {
        return java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Joins again through the bootstrap nodes when the routing table has emptied. A contact leaves
     * the table after a few unanswered requests in a row (RoutingTable.STALE_FAILURES); a DHT client
     * whose only contact is its super-node loses it when that node is overloaded for a few seconds,
     * and nothing would ever refill the table: every later lookup ends at once having asked nobody,
     * and every call gets 404 (docs/PERFORMANCE.md, super-node bench at 400 calls/s).
     */
    private void rejoinWhenAlone() {
        if (settings.bootstrap().isEmpty()) return;
        java.util.concurrent.ScheduledExecutorService check = watcherThread("peerdial-rejoin");
        rejoiner = check;
        check.scheduleWithFixedDelay(() -> {
            if (closed.get()) return;
            try {
                if (runtime.status().get(5, java.util.concurrent.TimeUnit.SECONDS).contacts() > 0) return;
                log.warn("routing table empty: joining again through {} bootstrap node(s)", settings.bootstrap().size());
                var done = runtime.join(settings.bootstrap()).get(30, java.util.concurrent.TimeUnit.SECONDS);
                log.info("joined again: {} contacts", done.contacts());
            } catch (Exception e) { // the first join still running, or no answer: next check
                log.info("join again failed: {}", e.toString());
            }
        }, REJOIN_CHECK_S, REJOIN_CHECK_S, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static void onEvent(OverlayEvent event) {
        log.debug("event {}", event); // on the loop thread: cheap only
    }

    /** The node's state now, for the control endpoint. */
    public CompletableFuture<NodeSnapshot> snapshot() {
        SipService service = sip;
        return runtime.status().thenApply(status -> new NodeSnapshot(status, runtime.runtimeStats(),
                runtime.localAddress(), statusRole(status), status.reachability().name(),
                service == null ? 0 : service.registrations(), service == null ? 0 : service.activeCalls())
                .withOverlayTransport(runtime.usesTcp() ? "tcp" : "udp")
                .withRelay(relay == null ? io.peerdial.node.relay.RelayStatus.NONE : relay.status())
                .withSip(service == null ? io.peerdial.node.sip.SipMetrics.Snapshot.EMPTY : service.metrics().snapshot()));
    }

    /** With --role auto, a node that found itself behind a NAT has made itself a DHT client. */
    private String statusRole(io.peerdial.overlay.kademlia.OverlayStatus status) {
        return settings.role() == Role.AUTO && status.client() ? Role.CLIENT.statusName() : settings.role().statusName();
    }

    /**
     * Publishes a binding of this device under {@code request.aor()}, signed by the user key, and keeps
     * it refreshed while the node runs; completes with the binding as JSON.
     */
    public CompletableFuture<String> register(BindingRequest request) {
        List<InetSocketAddress> addresses = request.contacts().isEmpty() ? List.of(runtime.localAddress()) : request.contacts();
        if (addresses.stream().anyMatch(a -> a.getAddress().isAnyLocalAddress())) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a contact cannot be a wildcard address ("
                    + HostPort.format(runtime.localAddress()) + " is where this node listens): give --contact HOST:PORT"));
        }
        List<BindingContact> contacts = addresses.stream()
                .map(a -> BindingContact.direct(BindingContact.Transport.UDP, a.getAddress(), a.getPort())).toList();
        Binding binding = new Binding(request.aor(), runtime.nodeId(), Reachability.UNKNOWN, 0, contacts);
        return bindings.publish(userKey, binding, request.ttl(), request.certificate()).thenApply(r -> {
            log.info("published binding of {} for device {} on {} holder(s)", request.aor(), runtime.nodeId().shortHex(), r.storedCount());
            return json(binding, r);
        });
    }

    private static String json(Binding binding, PublishResult r) {
        SignedEntry e = r.entry();
        var o = BindingJson.of(binding, e.content().owner(), e.content().seq(), e.content().expiresAt(), null);
        o.put("stored", r.storedCount());
        return o.toString();
    }

    /** The key that signs this node's user's bindings ({@code DATA/user.key}). */
    public NodeKeyPair userKey() {
        return userKey;
    }

    /** The relay service: super-node side, and {@code relay().client()} for ICE's relay credentials. */
    public io.peerdial.node.relay.runtime.RelayService relay() {
        return relay;
    }

    public OverlayRuntime runtime() {
        return runtime;
    }

    public InetSocketAddress controlAddress() {
        return control.address();
    }

    /** Blocks until {@link #close()} has finished (e.g. from the SIGTERM shutdown hook). */
    public void awaitClosed() throws InterruptedException {
        closedLatch.await();
    }

    /** Stops the control endpoint and the overlay. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        log.info("node {} stopping", runtime.nodeId());
        try {
            if (watcher != null) watcher.shutdownNow();
            if (transportWatcher != null) transportWatcher.shutdownNow();
            if (rejoiner != null) rejoiner.shutdownNow();
            if (sip != null) sip.close();
            if (relayIce != null) relayIce.close();
            if (relay != null) relay.close();
            control.close();
            access.close();
            runtime.close();
        } finally {
            closedLatch.countDown();
        }
    }
}
