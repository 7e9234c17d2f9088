package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.Counters.Counter;
import io.peerdial.overlay.kademlia.Lookup.Candidate;
import io.peerdial.overlay.kademlia.PendingRpc.Purpose;
import io.peerdial.overlay.limit.SourceRateLimiter;
import io.peerdial.overlay.nat.Reachability;
import io.peerdial.overlay.nat.ReachabilityClassifier;
import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import io.peerdial.overlay.routing.InsertResult;
import io.peerdial.overlay.routing.RoutingTable;
import io.peerdial.overlay.storage.StoragePolicy;
import io.peerdial.overlay.stun.StunBindingResponder;
import io.peerdial.overlay.stun.StunBindingResult;
import io.peerdial.overlay.stun.StunDecoder;
import io.peerdial.overlay.storage.StoreStatus;
import io.peerdial.overlay.wire.AppRequest;
import io.peerdial.overlay.wire.AuthChallenge;
import io.peerdial.overlay.wire.AuthProof;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.overlay.wire.ErrorMessage;
import io.peerdial.overlay.wire.FindNode;
import io.peerdial.overlay.wire.FindValue;
import io.peerdial.overlay.wire.Header;
import io.peerdial.overlay.wire.Message;
import io.peerdial.overlay.wire.MessageCodec;
import io.peerdial.overlay.wire.Nodes;
import io.peerdial.overlay.wire.Ping;
import io.peerdial.overlay.wire.Pong;
import io.peerdial.overlay.wire.Store;
import io.peerdial.overlay.wire.StoreResult;
import io.peerdial.overlay.wire.Values;
import io.peerdial.overlay.wire.WireException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kademlia node as a sans-IO state machine: the longest file of the overlay, because every
 * transition of the node lives here.
 *
 * <p>Theory of operation.
 * <ul>
 * <li><b>Inbound.</b> A datagram is decoded ({@link MessageCodec}); a bad one is counted by reason
 *     and dropped. Requests pass a per-source-IP token bucket, are answered at once, and their
 *     sender is {@linkplain #consider considered} for the routing table. Responses must echo the
 *     transaction id of a pending request <em>and</em> come from the address it went to.
 * <li><b>Trust.</b> A contact enters the table only after answering an AUTH_CHALLENGE with a
 *     signature by the key its NodeId hashes from (S/Kademlia §4.1). The table (with its
 *     replacement caches) is the cache of proved (NodeId, address) pairs: a contact that left it
 *     proves itself again. Senders flagged as DHT clients are answered but never added.
 * <li><b>Table upkeep.</b> A full bucket triggers a PING of its least-recently-seen contact; a
 *     contact that misses a request is reported to the table, which swaps in a cached replacement.
 *     Buckets with no lookup in {@code bucketRefreshMs} are refreshed by a lookup of a random ID
 *     in their range.
 * <li><b>Lookups.</b> {@link Lookup} decides whom to ask; this class sends, times out (adaptive
 *     per-contact timeouts from {@link RttEstimator}) and feeds answers back. FIND_VALUE collects
 *     values from every holder it meets (pages through long lists); STORE looks up the k closest
 *     nodes and then stores on them with the write tokens they issued.
 * <li><b>Handoff.</b> When a new contact enters the table and is among the k closest to a key this
 *     node holds, and this node is the closest of the old holders it knows, it asks the newcomer for
 *     a write token and stores the key's values there (§2.5), so values follow the key as nodes join.
 * <li><b>Join.</b> Bootstrap addresses are probed with FIND_NODE(self); their answers seed a
 *     self-lookup; then every bucket farther than the closest neighbour is refreshed (§2.3).
 * </ul>
 */
public final class OverlayNode implements DatagramProtocol<OverlayEvent> {

    private static final Logger log = LoggerFactory.getLogger(OverlayNode.class);
    private static final long MAINTENANCE_INTERVAL_MS = 60_000;
    private static final long SPARSE_MAINTENANCE_INTERVAL_MS = 5_000;
    private static final long BAD_INPUT_LOG_INTERVAL_MS = 10_000;
    private static final int MAX_VALUE_PAGES = 32;
    /** Most values handed to one newcomer at once; the rest arrive with their owners' republishing. */
    private static final int MAX_HANDOFF_VALUES = 256;
    /** A bucket head silent this long may be dead: a newcomer is worth proving (cf. BEP 5's 15 minutes). */
    private static final long QUESTIONABLE_AFTER_MS = 15 * 60_000;

    private final OverlayConfig config;
    private final ContactInterner interner;
    private final NodeAuthenticator auth;
    private final NodeId self;
    private final StoragePolicy storage;
    private final RandomGenerator random;
    private final RoutingTable table;
    private final RpcTracker rpcs;
    private final RttEstimator rtt;
    private final SourceRateLimiter rateLimiter;
    /** Stateless (a pure function of sender and bytes): one for every node of the process. */
    private static final StunBindingResponder STUN = new StunBindingResponder();

    private final Counters counters = new Counters();
    private final Responder responder;
    private final ReachabilityClassifier reachability = new ReachabilityClassifier();
    /** Whether this node tells peers to keep it out of their tables; follows reachability when {@code autoClient}. */
    private boolean client;
    // The queues and sets below are empty nearly all the time: each holds no array while empty (a
    // simulator runs 10^5 nodes; see Fifo, ContactSet), and the maps exist only while they hold something.
    /**
     * Datagrams to send, oldest first: the first in a field of its own, the rest (while
     * {@code moreTransmits}) in a queue. Most calls into the node send one datagram, which then
     * touches no other object: on a cold node (10^5 in the simulator) the queue and its array were
     * two cache misses on every event.
     */
    private Transmit firstTransmit;
    private boolean moreTransmits;
    private final Fifo<Transmit> laterTransmits = new Fifo<>(0);
    private final Fifo<OverlayEvent> events = new Fifo<>(0);
    /** Keys to hand to a newcomer once it has given us a write token; null when none. */
    private Map<Contact, List<NodeId>> handoffs;
    /** Contacts with an AUTH_CHALLENGE in flight, so one contact is challenged once at a time. */
    private final ContactSet challenging = new ContactSet();
    /** Bucket contacts with an eviction PING in flight. */
    private final ContactSet evictionPings = new ContactSet();
    /** Distinct observers per reflexive address we were told about (input to NAT classification). */
    private final ReflexiveObservers observers = new ReflexiveObservers();
    private InetSocketAddress lastObserved;
    /**
     * Last lookup per bucket index, grown to the deepest bucket touched: few of the 160 buckets are
     * ever populated (~log2 of the overlay's size), and refreshes touch them in ascending order.
     */
    private long[] bucketLastLookup = {};
    /** When bad input of each reason was last logged; null until the first. */
    private Map<String, Long> badInputLoggedAt;
    private WriteTokens tokens;
    private long nextLookupId = 1;
    private long startedAt;
    private long nextMaintenance = Long.MIN_VALUE;
    private Lookup join;
    /** Application messages: served services, and their in-flight requests' results. */
    private final AppMessages apps = new AppMessages();

    public OverlayNode(OverlayConfig config, NodeKeyPair identity, StoragePolicy storage, RandomGenerator random) {
        this(config, NodeAuthenticator.ed25519(identity), storage, random);
    }

    /** A node whose identity proofs come from {@code auth} (the simulator's stand-in; see {@link NodeAuthenticator}). */
    public OverlayNode(OverlayConfig config, NodeAuthenticator auth, StoragePolicy storage, RandomGenerator random) {
        this(config, auth, storage, random, ContactInterner.NONE);
    }

    /** As above, keeping contacts through {@code interner} (the simulator shares one Contact per node). */
    public OverlayNode(OverlayConfig config, NodeAuthenticator auth, StoragePolicy storage, RandomGenerator random,
            ContactInterner interner) {
        this.interner = interner;
        this.config = config;
        this.auth = auth;
        this.self = auth.nodeId();
        this.client = config.client();
        this.storage = storage;
        this.random = random;
        this.table = new RoutingTable(self, config.k(), config.maxPerSubnetPerBucket(), config.maxPerSubnetPerTable());
        this.rpcs = new RpcTracker(random);
        this.responder = new Responder(config, auth, table, storage, counters);
        this.rtt = new RttEstimator(config);
        this.rateLimiter = new SourceRateLimiter(config.perSourceRate(), config.perSourceBurst(), config.rateLimitSlots(),
                random.nextLong());
    }

    public NodeId nodeId() {
        return self;
    }

    /** The routing table, read-only use: tests, status, and the simulator's metrics. */
    public RoutingTable routingTable() {
        return table;
    }

    // ---------------------------------------------------------------- API

    /** Joins through the given bootstrap addresses (none: first node of a new overlay). */
    public void join(long now, List<InetSocketAddress> bootstrap) {
        start(now);
        if (join != null && !join.finished) throw new IllegalStateException("a join is already running");
        join = newLookup(now, Lookup.Kind.JOIN, self, null);
        for (Contact c : table.closest(self, config.k())) join.offer(List.of(c), 1);
        for (InetSocketAddress a : bootstrap) {
            join.externalStarted();
            sendRequest(now, a, null, new FindNode(header(rpcs.newTransactionId()), self), Purpose.JOIN_PROBE, join, null);
        }
        advance(now, join);
    }

    /** Starts an iterative FIND_NODE; returns the lookup id that its {@link OverlayEvent.LookupCompleted} carries. */
    public long findNode(long now, NodeId target) {
        return begin(now, Lookup.Kind.FIND_NODE, target, null).id;
    }

    /** Starts an iterative FIND_VALUE; completes with {@link OverlayEvent.ValuesFound}. */
    public long findValue(long now, NodeId key) {
        return begin(now, Lookup.Kind.FIND_VALUE, key, null).id;
    }

    /** Looks up the k closest nodes to {@code key} and stores {@code value} on them; completes with {@link OverlayEvent.StoreCompleted}. */
    public long store(long now, NodeId key, byte[] value) {
        if (value.length == 0) throw new IllegalArgumentException("cannot store an empty value");
        return begin(now, Lookup.Kind.STORE, key, value.clone()).id;
    }

    /** Sends a PING to an address (liveness, or to learn our reflexive address). */
    public void ping(long now, InetSocketAddress to) {
        start(now);
        sendRequest(now, to, null, new Ping(header(rpcs.newTransactionId())), Purpose.PING, null, null);
    }

    /**
     * Sends an APP_REQUEST to {@code service} at {@code to}; returns its id, which the
     * {@link OverlayEvent.AppResponse} or {@link OverlayEvent.AppFailed} that ends it carries. It
     * fails with {@code TIMEOUT} at the hard deadline ({@code maxRpcTimeoutMs}: a slow handler is
     * waited for), and with {@code WRONG_NODE} if {@code expected} is set and another node answers.
     *
     * @param expected the NodeId believed to be at {@code to}, or null (a bare address)
     * @throws IllegalArgumentException if {@code payload} exceeds {@link AppRequest#MAX_PAYLOAD}
     */
    public long appRequest(long now, InetSocketAddress to, NodeId expected, int service, byte[] payload) {
        start(now);
        AppRequest req = new AppRequest(header(rpcs.newTransactionId()), service, payload.clone());
        sendRequest(now, to, expected, req, Purpose.APP, null, null);
        return req.header().transactionId();
    }

    /** From now on, APP_REQUESTs for {@code service} come out as {@link OverlayEvent.AppRequest}s. */
    public void serveApp(int service) {
        apps.serve(service);
    }

    /** Stops serving {@code service}: its requests get ERROR UNKNOWN_SERVICE again. */
    public void stopServingApp(int service) {
        apps.stopServing(service);
    }

    /** Answers an {@link OverlayEvent.AppRequest} (its {@code from}, {@code transactionId} and {@code service}). */
    public void respondApp(long now, InetSocketAddress to, long transactionId, int service, byte[] payload) {
        start(now);
        send(to, new io.peerdial.overlay.wire.AppResponse(header(transactionId), service, payload.clone()));
    }

    /** Refuses an {@link OverlayEvent.AppRequest} with an ERROR (e.g. OVERLOADED, MALFORMED). */
    public void refuseApp(long now, InetSocketAddress to, long transactionId, ErrorMessage.ErrorCode code, String detail) {
        start(now);
        send(to, new ErrorMessage(header(transactionId), code, Responder.fitShortText(detail)));
    }

    /**
     * The addresses this node's socket is bound to, from the driver (a wildcard bind expanded to the
     * interfaces' addresses): a peer seeing one of them means no NAT is in the way.
     */
    public void localAddresses(java.util.Set<InetSocketAddress> addresses) {
        reachability.localAddresses(addresses);
    }

    /**
     * The driver now carries this node's datagrams over TCP because UDP is blocked (docs/PROTOCOL.md
     * "Datagrams over TCP"): reachability stays {@link Reachability#UDP_BLOCKED} whatever peers see
     * of its TCP connections, and the node is a DHT client (peers could not reach it back). Off:
     * both follow observations and the configuration again.
     */
    public void overTcp(boolean on) {
        reachability.pinUdpBlocked(on);
        client = on || config.client();
    }

    /** What peers' observations say about this node's NAT (see {@link ReachabilityClassifier}). */
    public Reachability reachability() {
        return reachability.classify();
    }

    public OverlayStatus status() {
        return new OverlayStatus(self, client, table.size(), storage.valueCount(), rpcs.size(),
                reachability.classify(), counters.snapshot());
    }

    private Lookup begin(long now, Lookup.Kind kind, NodeId target, byte[] value) {
        start(now);
        Lookup l = newLookup(now, kind, target, value);
        l.offer(table.closest(target, config.k()), 1);
        touchBucket(bucketFor(target), now);
        advance(now, l);
        return l;
    }

    private Lookup newLookup(long now, Lookup.Kind kind, NodeId target, byte[] value) {
        // S/Kademlia disjoint paths for what the caller asked for; upkeep (join, refresh) stays single-path
        int paths = kind == Lookup.Kind.JOIN || kind == Lookup.Kind.REFRESH ? 1 : config.disjointPaths();
        Lookup l = new Lookup(nextLookupId++, kind, target, value, self, config.k(), config.alpha(), paths, now);
        return l;
    }

    private void start(long now) {
        if (tokens == null) {
            tokens = new WriteTokens(random, now);
            responder.start(tokens);
            nextMaintenance = now + SPARSE_MAINTENANCE_INTERVAL_MS;
            startedAt = now;
        }
    }

    // ---------------------------------------------------------------- DatagramProtocol

    @Override
    public void handleDatagram(long now, InetSocketAddress from, byte[] bytes) {
        start(now);
        counters.inc(Counter.DATAGRAMS_IN);
        if (StunDecoder.looksLikeStun(bytes, bytes.length)) { // RFC 7983 §7: first byte 0..3
            answerStun(now, from, bytes);
            return;
        }
        if (bytes.length == 0 || !MessageCodec.isOverlay(bytes[0])) {
            badInput(now, from, "not-overlay", "first byte is not the overlay magic");
            return;
        }
        Message m;
        try {
            m = MessageCodec.decode(bytes, 0, bytes.length, interner);
        } catch (WireException e) {
            badInput(now, from, e.reason().name().toLowerCase(java.util.Locale.ROOT), e.getMessage());
            return;
        }
        if (m instanceof Message.Request req) {
            if (!rateLimiter.allow(from.getAddress(), now)) {
                counters.inc(Counter.REQUESTS_RATE_LIMITED);
                return;
            }
            counters.inc(Counter.REQUESTS_IN);
            answer(now, from, req);
            if (!req.header().client()) consider(now, interner.contactOf(req.header().sender(), from));
        } else {
            onResponse(now, from, (Message.Response) m);
        }
    }

    @Override
    public void handleTimeout(long now) {
        start(now);
        for (PendingRpc rpc : rpcs.expire(now)) {
            if (!rpc.softExpired()) {
                counters.inc(Counter.RPC_SLOW);
                stopWaiting(now, rpc);
            } else {
                counters.inc(Counter.RPC_TIMEOUTS);
                if (rpc.purpose() == Purpose.APP) apps.failed(rpc, OverlayEvent.AppFailure.TIMEOUT, events);
                contactFailed(rpc);
            }
        }
        if (now >= nextMaintenance) {
            storage.expire(now);
            refreshBuckets(now);
            if (table.size() < config.k()) {
                // Under-populated (first node, or joined through a node that knew nobody yet): look
                // for neighbours again soon rather than at the next hourly refresh.
                refreshBucket(now, NodeId.BITS - 1, self);
                nextMaintenance = now + SPARSE_MAINTENANCE_INTERVAL_MS;
            } else {
                nextMaintenance = now + MAINTENANCE_INTERVAL_MS;
            }
        }
    }

    @Override
    public Transmit pollTransmit() {
        Transmit t = firstTransmit;
        if (moreTransmits) {
            firstTransmit = laterTransmits.poll();
            moreTransmits = !laterTransmits.isEmpty();
        } else {
            firstTransmit = null;
        }
        return t;
    }

    @Override
    public long pollTimeout() {
        if (tokens == null) return NO_TIMEOUT; // not started: nothing to wake up for
        return Math.min(rpcs.nextDeadline(), nextMaintenance);
    }

    @Override
    public OverlayEvent pollEvent() {
        return events.poll();
    }

    // ---------------------------------------------------------------- answering requests

    /** Every overlay port is a STUN server for its peers (RFC 8489 §6.3.1): answers Binding requests. */
    private void answerStun(long now, InetSocketAddress from, byte[] bytes) {
        if (!rateLimiter.allow(from.getAddress(), now)) {
            counters.inc(Counter.REQUESTS_RATE_LIMITED);
            return;
        }
        StunBindingResult r = STUN.respond(from, bytes);
        counters.inc("stun." + r.outcome().name().toLowerCase(java.util.Locale.ROOT));
        if (r.hasResponse()) {
            counters.inc(Counter.MESSAGES_OUT);
            queue(new Transmit(from, r.response()));
        }
    }

    private void answer(long now, InetSocketAddress from, Message.Request req) {
        if (req instanceof AppRequest a) {
            Message.Response refusal = apps.onRequest(from, a, header(a.header().transactionId()), events);
            if (refusal != null) send(from, refusal);
            return;
        }
        send(from, responder.answer(now, from, req, header(req.header().transactionId())));
    }

    // ---------------------------------------------------------------- responses

    private void onResponse(long now, InetSocketAddress from, Message.Response resp) {
        PendingRpc rpc = rpcs.match(resp.header().transactionId(), from);
        if (rpc == null) {
            counters.inc(Counter.RESPONSES_UNEXPECTED);
            return;
        }
        counters.inc(Counter.RESPONSES_IN);
        reachability.answerReceived();
        NodeId sender = resp.header().sender();
        if (rpc.expectedId() != null && !rpc.expectedId().equals(sender)) {
            counters.inc(Counter.RESPONSES_WRONG_NODE); // another node now lives at that address
            onFailure(now, rpc);
            return;
        }
        rtt.sample(table, sender, now - rpc.sentAt());
        // the canonical instance (the simulator's shared one) from here on: what is kept of it costs no copy
        Contact contact = interner.contactOf(sender, from);
        if (rpc.softExpired()) counters.inc(Counter.RPC_LATE_ANSWERS);
        if (resp instanceof ErrorMessage e) {
            counters.inc("responses.error." + e.code().name().toLowerCase(java.util.Locale.ROOT));
            if (rpc.purpose() == Purpose.APP) { // it answered: a refusal, not a failed contact
                apps.refused(rpc, e, events);
                if (!resp.header().client()) consider(now, contact);
                return;
            }
            onFailure(now, rpc);
            return;
        }
        noteObserved(resp, contact);
        switch (rpc.purpose()) {
            case AUTH -> onAuthProof(now, rpc, contact, resp);
            case EVICTION_PING -> evictionPings.remove(contact);
            case PING, HANDOFF_STORE -> { }
            case APP -> apps.onResponse(rpc, sender, resp, events);
            case HANDOFF_TOKEN -> handOffValues(now, contact, resp);
            case JOIN_PROBE -> onJoinProbe(now, rpc, contact, resp);
            case LOOKUP -> onLookupAnswer(now, rpc, contact, resp);
            case STORE -> {
                if (!rpc.softExpired()) onStoreAnswer(now, rpc.lookup(), contact, resp); // late: already counted as no answer
            }
        }
        if (!resp.header().client() && rpc.purpose() != Purpose.AUTH) consider(now, contact);
    }

    /** The request failed outright (error answer, wrong node): both stages of a time-out at once. */
    private void onFailure(long now, PendingRpc rpc) {
        if (rpc.purpose() == Purpose.APP) apps.failed(rpc, OverlayEvent.AppFailure.WRONG_NODE, events);
        if (!rpc.softExpired()) stopWaiting(now, rpc);
        contactFailed(rpc);
    }

    /** Hard deadline passed, or an outright failure: the contact did not serve us. */
    private void contactFailed(PendingRpc rpc) {
        if (rpc.expectedId() == null) return;
        Contact c = new Contact(rpc.expectedId(), rpc.to());
        removeHandoff(c);
        table.failed(c);
        challenging.remove(c);
        evictionPings.remove(c);
    }

    /** Soft deadline passed: the lookup goes on without this answer (it still takes it if it comes). */
    private void stopWaiting(long now, PendingRpc rpc) {
        Lookup l = rpc.lookup();
        if (l == null || l.finished) return;
        switch (rpc.purpose()) {
            case JOIN_PROBE -> l.externalDone();
            case STORE -> {
                l.externalDone();
                storeReplies(l).add(new OverlayEvent.StoreReply(new Contact(rpc.expectedId(), rpc.to()), null, "no answer"));
            }
            case LOOKUP -> {
                Candidate c = l.candidate(rpc.expectedId());
                if (c != null) l.failed(c);
            }
            default -> { }
        }
        advance(now, l);
    }

    private void onAuthProof(long now, PendingRpc rpc, Contact contact, Message.Response resp) {
        challenging.remove(contact);
        if (!(resp instanceof AuthProof p) || !auth.verify(contact.id(), p.publicKey(), rpc.nonce(), p.signature())) {
            counters.inc(Counter.AUTH_FAILED);
            table.remove(contact.id());
            return;
        }
        counters.inc(Counter.AUTH_PROVED);
        admit(now, contact);
    }

    private void onJoinProbe(long now, PendingRpc rpc, Contact contact, Message.Response resp) {
        Lookup l = rpc.lookup();
        if (l.finished) return;
        if (!rpc.softExpired()) l.externalDone();
        l.offer(List.of(contact), 1);
        Candidate c = l.candidate(contact.id());
        if (c != null) l.responded(c, resp instanceof Nodes n ? n.contacts() : List.of());
        advance(now, l);
    }

    private void onLookupAnswer(long now, PendingRpc rpc, Contact contact, Message.Response resp) {
        Lookup l = rpc.lookup();
        if (l.finished) return;
        Candidate c = l.candidate(contact.id());
        if (c == null) return; // pushed out of the candidate list meanwhile
        if (resp instanceof Nodes n) {
            c.writeToken = n.writeToken();
            l.responded(c, n.contacts());
        } else if (resp instanceof Values v) {
            c.writeToken = v.writeToken();
            l.addValues(v.values());
            int next = v.startIndex() + v.values().size();
            if (next < v.totalValues() && !v.values().isEmpty() && next / Math.max(1, v.values().size()) < MAX_VALUE_PAGES) {
                l.offer(v.contacts(), c);
                l.pageRequested();
                sendRequest(now, contact.address(), contact.id(),
                        new FindValue(header(rpcs.newTransactionId()), l.target, next), Purpose.LOOKUP, l, null);
                return;
            }
            l.responded(c, v.contacts());
        } else {
            counters.inc(Counter.RESPONSES_WRONG_TYPE);
            l.failed(c);
        }
        advance(now, l);
    }

    private void onStoreAnswer(long now, Lookup l, Contact contact, Message.Response resp) {
        if (l.finished) return;
        l.externalDone();
        if (resp instanceof StoreResult r) {
            StoreStatus s = StoreStatus.ofCode(r.status());
            storeReplies(l).add(new OverlayEvent.StoreReply(contact, s == null ? StoreStatus.NOT_ACCEPTED : s, r.detail()));
        }
        advance(now, l);
    }

    // ---------------------------------------------------------------- lookups

    /** Replies of STORE lookups in their storing phase, by lookup id. */
    private final LongMap<List<OverlayEvent.StoreReply>> storeReplies = new LongMap<>();

    private List<OverlayEvent.StoreReply> storeReplies(Lookup l) {
        List<OverlayEvent.StoreReply> r = storeReplies.get(l.id);
        if (r == null) storeReplies.put(l.id, r = new ArrayList<>());
        return r;
    }

    /** Sends what the lookup wants next, or finishes it. */
    private void advance(long now, Lookup l) {
        if (l.finished) return;
        if (storeReplies.containsKey(l.id)) { // storing phase
            if (l.converged()) finishStore(l);
            return;
        }
        for (Candidate c : l.nextToQuery()) {
            Message.Request req = l.kind == Lookup.Kind.FIND_VALUE
                    ? new FindValue(header(rpcs.newTransactionId()), l.target, 0)
                    : new FindNode(header(rpcs.newTransactionId()), l.target);
            sendRequest(now, c.contact.address(), c.contact.id(), req, Purpose.LOOKUP, l, null);
        }
        if (l.converged()) finishLookup(now, l);
    }

    private void finishLookup(long now, Lookup l) {
        List<Candidate> closest = l.closestResponded();
        List<Contact> contacts = Lookup.contacts(closest);
        int rounds = l.rounds(closest);
        switch (l.kind) {
            case FIND_NODE, REFRESH -> {
                complete(l);
                if (l.kind == Lookup.Kind.FIND_NODE) {
                    events.add(new OverlayEvent.LookupCompleted(l.id, l.target, contacts, rounds, l.requests));
                }
            }
            case FIND_VALUE -> {
                complete(l);
                // This node may be one of the key's holders itself: its own copies count too.
                l.addValues(storage.get(now, l.target));
                events.add(new OverlayEvent.ValuesFound(l.id, l.target, List.copyOf(l.values()), contacts, rounds, l.requests));
            }
            case JOIN -> {
                complete(l);
                events.add(new OverlayEvent.JoinCompleted(contacts.size()));
                refreshFartherThanClosestNeighbour(now, contacts);
            }
            case STORE -> {
                storeReplies(l); // enter the storing phase
                for (Candidate c : closest) {
                    l.externalStarted();
                    sendRequest(now, c.contact.address(), c.contact.id(),
                            new Store(header(rpcs.newTransactionId()), l.target, c.writeToken, l.storeValue),
                            Purpose.STORE, l, null);
                }
                if (closest.isEmpty()) finishStore(l);
            }
        }
    }

    private void finishStore(Lookup l) {
        List<OverlayEvent.StoreReply> replies = storeReplies.remove(l.id);
        complete(l);
        events.add(new OverlayEvent.StoreCompleted(l.id, l.target, replies == null ? List.of() : List.copyOf(replies)));
    }

    private void complete(Lookup l) {
        l.finished = true;
        if (l == join) join = null; // a finished join holds its candidates: let them go
    }

    /** §2.3: after the self-lookup, refresh every bucket farther than the closest neighbour found. */
    private void refreshFartherThanClosestNeighbour(long now, List<Contact> joinResult) {
        if (joinResult.isEmpty()) return;
        int closestBucket = table.bucketIndex(joinResult.get(0).id());
        for (int i = 0; i < closestBucket; i++) refreshBucket(now, i, NodeId.randomInBucket(self, i, random));
    }

    private void refreshBuckets(long now) {
        int deepest = Math.min(table.deepestNonEmptyBucket() + 1, NodeId.BITS - 1);
        for (int i = 0; i <= deepest; i++) {
            if (now - lastLookupInBucket(i) >= config.bucketRefreshMs()) refreshBucket(now, i, NodeId.randomInBucket(self, i, random));
        }
    }

    private long lastLookupInBucket(int index) {
        return index < bucketLastLookup.length && bucketLastLookup[index] != 0 ? bucketLastLookup[index] : startedAt;
    }

    private void touchBucket(int index, long now) {
        if (index >= bucketLastLookup.length) bucketLastLookup = java.util.Arrays.copyOf(bucketLastLookup, index + 1);
        bucketLastLookup[index] = now;
    }

    private void refreshBucket(long now, int index, NodeId target) {
        touchBucket(index, now);
        Lookup l = newLookup(now, Lookup.Kind.REFRESH, target, null);
        l.offer(table.closest(target, config.k()), 1);
        advance(now, l);
    }

    private int bucketFor(NodeId target) {
        return target.equals(self) ? NodeId.BITS - 1 : table.bucketIndex(target);
    }

    // ---------------------------------------------------------------- routing table admission

    /** Heard from {@code contact}: refresh it, or start proving it before it may enter the table. */
    private void consider(long now, Contact heard) {
        if (heard.id().equals(self)) return;
        Contact contact = interner.intern(heard);
        // A DHT client keeps a table too (it must route its own lookups); it is only never put in others'.
        if (table.contains(contact)) {
            table.offer(contact, now);
        } else if (!challenging.contains(contact) && table.wouldTake(contact, now, QUESTIONABLE_AFTER_MS)) {
            byte[] nonce = new byte[AuthChallenge.NONCE_BYTES];
            random.nextBytes(nonce);
            challenging.add(contact);
            sendRequest(now, contact.address(), contact.id(), new AuthChallenge(header(rpcs.newTransactionId()), nonce),
                    Purpose.AUTH, null, nonce);
        }
    }

    private void admit(long now, Contact proved) {
        Contact contact = interner.intern(proved);
        InsertResult r = table.offer(contact, now);
        if (r.outcome() == InsertResult.Outcome.ADDED) offerHandoff(now, contact);
        if (r.outcome() == InsertResult.Outcome.CACHED && evictionPings.add(r.pingCandidate())) {
            Contact oldest = r.pingCandidate();
            sendRequest(now, oldest.address(), oldest.id(), new Ping(header(rpcs.newTransactionId())),
                    Purpose.EVICTION_PING, null, null);
        } else if (r.outcome() == InsertResult.Outcome.SUBNET_LIMIT) {
            counters.inc(Counter.TABLE_SUBNET_LIMIT);
        }
    }

    // ---------------------------------------------------------------- handoff (§2.5)

    private void offerHandoff(long now, Contact newcomer) {
        if (client || (handoffs != null && handoffs.containsKey(newcomer))) return;
        List<NodeId> keys = new ArrayList<>();
        for (NodeId key : storage.keys()) {
            List<Contact> closest = table.closest(key, config.k());
            if (!closest.contains(newcomer)) continue;
            boolean closestOldHolder = true;
            for (Contact c : closest) {
                if (!c.equals(newcomer) && key.compareDistance(c.id(), self) < 0) {
                    closestOldHolder = false; // a closer holder will hand it off; avoid k duplicate STOREs
                    break;
                }
            }
            if (closestOldHolder) keys.add(key);
        }
        if (keys.isEmpty()) return;
        if (handoffs == null) handoffs = new HashMap<>(); // never iterated: its order cannot matter
        handoffs.put(newcomer, keys);
        sendRequest(now, newcomer.address(), newcomer.id(), new FindNode(header(rpcs.newTransactionId()), newcomer.id()),
                Purpose.HANDOFF_TOKEN, null, null);
    }

    private void handOffValues(long now, Contact newcomer, Message.Response resp) {
        List<NodeId> keys = removeHandoff(newcomer);
        if (keys == null || !(resp instanceof Nodes n)) return;
        int sent = 0;
        for (NodeId key : keys) {
            for (byte[] value : storage.get(now, key)) {
                if (sent++ == MAX_HANDOFF_VALUES) return;
                counters.inc(Counter.HANDOFF_VALUES);
                sendRequest(now, newcomer.address(), newcomer.id(),
                        new Store(header(rpcs.newTransactionId()), key, n.writeToken(), value), Purpose.HANDOFF_STORE, null, null);
            }
        }
    }

    private List<NodeId> removeHandoff(Contact newcomer) {
        if (handoffs == null) return null;
        List<NodeId> keys = handoffs.remove(newcomer);
        if (handoffs.isEmpty()) handoffs = null;
        return keys;
    }

    // ---------------------------------------------------------------- helpers

    private void noteObserved(Message.Response resp, Contact observer) {
        InetSocketAddress decoded;
        if (resp instanceof Pong p) decoded = p.observed();
        else if (resp instanceof Nodes n) decoded = n.observed();
        else if (resp instanceof Values v) decoded = v.observed();
        else if (resp instanceof StoreResult s) decoded = s.observed();
        else if (resp instanceof AuthProof a) decoded = a.observed();
        else return;
        // Every answer decodes its own copy of our reflexive address, which is nearly always the
        // same: keep one instance so the classifier's and this map's entries do not each hold one.
        if (decoded != lastObserved && !decoded.equals(lastObserved)) lastObserved = decoded;
        InetSocketAddress observed = lastObserved;
        reachability.observed(observer.address(), observed);
        if (config.autoClient()) {
            // A node behind a NAT or a UDP block must not sit in others' tables: they could not reach it.
            Reachability r = reachability.classify();
            if (r != Reachability.UNKNOWN) client = r != Reachability.PUBLIC;
        }
        if (observers.note(observed, observer.id())) events.add(new OverlayEvent.ReflexiveAddress(observer, observed));
    }

    private Header header(long transactionId) {
        return new Header(transactionId, self, client);
    }

    private void sendRequest(long now, InetSocketAddress to, NodeId expectedId, Message.Request req,
                             Purpose purpose, Lookup lookup, byte[] nonce) {
        long deadline = now + rtt.timeoutFor(expectedId == null ? null : table.get(expectedId));
        long hardDeadline = Math.max(deadline, now + config.maxRpcTimeoutMs());
        reachability.requestSent(now);
        rpcs.add(new PendingRpc(req.header().transactionId(), to, expectedId, req, purpose, lookup, nonce, now,
                deadline, hardDeadline, false));
        send(to, req);
    }

    private void send(InetSocketAddress to, Message m) {
        counters.inc(Counter.MESSAGES_OUT);
        queue(new Transmit(to, MessageCodec.encode(m)));
    }

    private void queue(Transmit t) {
        if (firstTransmit == null) { // then nothing waits behind it either
            firstTransmit = t;
        } else {
            laterTransmits.add(t);
            moreTransmits = true;
        }
    }

    private void badInput(long now, InetSocketAddress from, String reason, String detail) {
        counters.inc("bad." + reason);
        if (badInputLoggedAt == null) badInputLoggedAt = new HashMap<>(); // never iterated
        Long last = badInputLoggedAt.get(reason);
        if (last == null || now - last >= BAD_INPUT_LOG_INTERVAL_MS) {
            badInputLoggedAt.put(reason, now);
            log.warn("{}: dropped bad datagram from {} ({}); {} such so far", self.shortHex(), from, detail,
                    counters.get("bad." + reason));
        }
    }
}
