package io.peerdial.relay.server;

import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunDecoder;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.StunFingerprint;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.StunMethods;
import io.peerdial.overlay.stun.UnknownAttributes;
import io.peerdial.overlay.stun.Username;
import io.peerdial.overlay.stun.XorMappedAddress;
import io.peerdial.relay.server.Replies.Protection;
import io.peerdial.relay.turn.ChannelData;
import io.peerdial.relay.turn.ChannelDataException;
import io.peerdial.relay.turn.ChannelNumber;
import io.peerdial.relay.turn.Data;
import io.peerdial.relay.turn.DontFragment;
import io.peerdial.relay.turn.EvenPort;
import io.peerdial.relay.turn.Lifetime;
import io.peerdial.relay.turn.RequestedAddressFamily;
import io.peerdial.relay.turn.RequestedTransport;
import io.peerdial.relay.turn.ReservationToken;
import io.peerdial.relay.turn.TurnAddresses;
import io.peerdial.relay.turn.TurnAttributeTypes;
import io.peerdial.relay.turn.TurnAttributes;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorPeerAddress;
import io.peerdial.relay.turn.XorRelayedAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * The TURN server state machine (RFC 8656), sans-IO. The longest class of the module on purpose:
 * every request rule reads in one place.
 *
 * <h2>Theory of operation</h2>
 * Two inputs: {@link #handleClientDatagram} (bytes a client sent to the server's listening
 * address: STUN requests and indications, or ChannelData) and {@link #handlePeerDatagram} (bytes a
 * peer sent to a relayed address). Outputs: {@link #pollTransmit} (datagrams, each with the address
 * to send it <em>from</em>: the listening address or a relayed one), {@link #pollEvent} (allocation
 * created/closed with byte counts) and {@link #pollTimeout} (next allocation expiry). Permissions
 * and channels expire lazily: each use compares their deadline with {@code now}, and each request
 * on an allocation prunes what has ended, so only allocation expiry needs a timer.
 *
 * <p>The forwarding path (ChannelData both ways) never copies: client → peer sends the payload
 * inside the caller's array; peer → client writes the 4-byte ChannelData header into the
 * {@value #HEADROOM} bytes the driver leaves before the payload. See {@link TurnTransmit} on aliasing.
 *
 * <p>Requests: 401 without MESSAGE-INTEGRITY, 400 without USERNAME/REALM/NONCE, 438 for a stale or
 * foreign nonce, 401 for an unknown user, a wrong realm or a bad HMAC (RFC 8489 §9.2.4), then the
 * method's own rules (RFC 8656 §7.2, §8.2, §9.2, §11.2). Indications and ChannelData are never
 * answered; what is dropped is counted ({@link #stats()}).
 */
public final class TurnServer {
    /** Bytes the driver leaves free before a peer datagram's payload, for the ChannelData header. */
    public static final int HEADROOM = ChannelData.HEADER_LENGTH;
    /** How long the port above an EVEN-PORT R=1 allocation stays reserved (RFC 8656 §7.2 suggests about 30 s). */
    public static final long RESERVATION_MS = Reservations.HOLD_MS;
    /** Largest application payload relayed (one UDP datagram). */
    public static final int MAX_PAYLOAD = 65_507;

    private final TurnConfig config;
    private final RelayPorts ports;
    private final LongTermAuth auth;
    private final Reservations reservations;
    private final RandomGenerator random;
    private final Replies replies;
    private final AllocationGate gate;
    private final StunDecoder decoder = TurnAttributes.decoder();
    private final Map<FiveTuple, Allocation> byFiveTuple = new HashMap<>();
    private final Map<InetSocketAddress, Allocation> byRelayed = new HashMap<>();
    private final Map<String, Integer> perUser = new HashMap<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>();
    private final ArrayDeque<TurnTransmit> transmits = new ArrayDeque<>();
    private final ArrayDeque<TurnEvent> events = new ArrayDeque<>();

    private long allocationsCreated, requests, errorResponses, unauthenticated, staleNonces, quotaRefusals,
            forbiddenPeers, malformed, droppedNoAllocation, droppedNoPermission, droppedBandwidth,
            datagramsToPeers, bytesToPeers, datagramsToClients, bytesToClients;

    private record Expiry(long at, Allocation allocation) implements Comparable<Expiry> {
        @Override
        public int compareTo(Expiry o) {
            return Long.compare(at, o.at);
        }
    }

    public TurnServer(TurnConfig config, Credentials credentials, RelayPorts ports, RandomGenerator random) {
        this(config, credentials, AllocationGate.OPEN, ports, random);
    }

    /** With an admission {@code gate} consulted for every new allocation (docs/INCENTIVES.md). */
    public TurnServer(TurnConfig config, Credentials credentials, AllocationGate gate, RelayPorts ports,
                      RandomGenerator random) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(credentials, "credentials");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.random = Objects.requireNonNull(random, "random");
        this.auth = new LongTermAuth(config.realm(), credentials, new Nonces(random, config.nonceLifetimeMs()));
        this.reservations = new Reservations(ports, random);
        this.replies = new Replies(config.software());
    }

    // ---------------------------------------------------------------- inputs

    /** A datagram from a client on the server's listening address {@code tuple.server()}. */
    public void handleClientDatagram(long now, FiveTuple tuple, byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (ChannelData.looksLikeChannelData(buf, off, len)) {
            clientChannelData(now, tuple, buf, off, len);
        } else if (isStun(buf, off, len)) {
            byte[] bytes = off == 0 && len == buf.length ? buf : java.util.Arrays.copyOfRange(buf, off, off + len);
            StunMessage message;
            try {
                message = decoder.decode(bytes);
            } catch (StunException e) {
                malformed++; // RFC 8489 §6.3: silently discarded
                return;
            }
            if (StunFingerprint.check(bytes) || message.first(io.peerdial.overlay.stun.Fingerprint.class).isEmpty()) {
                handleStun(now, tuple, message, bytes);
            } else {
                malformed++; // RFC 8489 §7.3: a wrong FINGERPRINT means not STUN
            }
        } else {
            malformed++;
        }
    }

    /**
     * A datagram from {@code peer} to the relayed address {@code relayed}; the payload is
     * {@code buf[off, off + len)}. Pass {@code off >= HEADROOM} to let the core write a ChannelData
     * header in place; with less it copies.
     */
    public void handlePeerDatagram(long now, InetSocketAddress relayed, InetSocketAddress peer, byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        Allocation a = byRelayed.get(relayed);
        if (a == null || now >= a.expiresAt) {
            droppedNoAllocation++;
            return;
        }
        if (!a.hasPermission(peer.getAddress(), now)) { // RFC 8656 §9: no permission, no relaying
            droppedNoPermission++;
            return;
        }
        if (!a.bandwidth.tryTake(now, len)) {
            droppedBandwidth++;
            return;
        }
        Allocation.Channel channel = a.activeChannelTo(peer, now);
        if (channel != null) { // RFC 8656 §12.7: ChannelData when a channel is bound
            // over TCP a ChannelData frame is padded to 4 bytes (§12.5); over UDP it need not be
            int padding = a.fiveTuple.transport() == ClientTransport.TCP ? (4 - len % 4) % 4 : 0;
            if (off < HEADROOM || off + len + padding > buf.length) {
                byte[] copy = new byte[HEADROOM + len + padding];
                System.arraycopy(buf, off, copy, HEADROOM, len);
                buf = copy;
                off = HEADROOM;
            }
            java.util.Arrays.fill(buf, off + len, off + len + padding, (byte) 0);
            ChannelData.writeHeader(buf, off - HEADROOM, channel.number, len);
            toClient(a, buf, off - HEADROOM, len + HEADROOM + padding, len);
        } else { // RFC 8656 §10.3: otherwise a Data indication
            byte[] bytes = replies.dataIndication(random, peer, java.util.Arrays.copyOfRange(buf, off, off + len));
            toClient(a, bytes, 0, bytes.length, len);
        }
    }

    /**
     * The client's TCP connection of {@code tuple} closed: its allocation, if any, is deleted
     * (RFC 8656 §3.1, the allocation is bound to the connection).
     */
    public void handleClientClosed(long now, FiveTuple tuple) {
        Allocation a = byFiveTuple.get(tuple);
        if (a != null) {
            close(now, a, TurnEvent.CloseReason.CONNECTION_CLOSED);
        }
    }

    /** Expires allocations whose lifetime has passed, and unused port reservations. */
    public void handleTimeout(long now) {
        reservations.expire(now);
        for (Expiry e; (e = expiries.peek()) != null && e.at <= now; ) {
            expiries.poll();
            Allocation a = e.allocation;
            if (!a.closed && a.expiresAt == e.at) {
                close(now, a, TurnEvent.CloseReason.EXPIRED);
            }
        }
    }

    // ---------------------------------------------------------------- outputs

    public TurnTransmit pollTransmit() {
        return transmits.poll();
    }

    public TurnEvent pollEvent() {
        return events.poll();
    }

    /** When {@link #handleTimeout} should run next (earliest allocation expiry), or Long.MAX_VALUE. */
    public long pollTimeout() {
        Expiry e = expiries.peek();
        return Math.min(e == null ? Long.MAX_VALUE : e.at, reservations.nextExpiry());
    }

    /**
     * Deletes the allocation at {@code relayed} at the relay's initiative (event {@code REVOKED}), e.g.
     * a client that does not sign receipts (docs/INCENTIVES.md, "Enforcement"). The client learns it on
     * its next Refresh (437, RFC 8656 §8.2). Returns false if there is no such allocation.
     */
    public boolean revoke(long now, InetSocketAddress relayed) {
        Allocation a = byRelayed.get(relayed);
        if (a == null || a.closed) return false;
        close(now, a, TurnEvent.CloseReason.REVOKED);
        return true;
    }

    /** The byte counts of every live allocation (one record each: call it about once a second, not per datagram). */
    public java.util.List<AllocationUsage> allocationUsage() {
        java.util.List<AllocationUsage> out = new java.util.ArrayList<>(byRelayed.size());
        for (Allocation a : byRelayed.values()) {
            out.add(new AllocationUsage(a.relayed, a.username, a.bytesToPeers, a.bytesToClient));
        }
        return out;
    }

    public int allocationCount() {
        return byFiveTuple.size();
    }

    public TurnStats stats() {
        return new TurnStats(byFiveTuple.size(), allocationsCreated, requests, errorResponses, unauthenticated,
                staleNonces, quotaRefusals, forbiddenPeers, malformed, droppedNoAllocation, droppedNoPermission,
                droppedBandwidth, datagramsToPeers, bytesToPeers, datagramsToClients, bytesToClients);
    }

    // ---------------------------------------------------------------- forwarding

    /** RFC 7983 §7 (first byte 0-3) and the magic cookie (RFC 8489 §5), on the caller's array. */
    private static boolean isStun(byte[] b, int off, int len) {
        return len >= StunDecoder.HEADER_LENGTH && (b[off] & 0xFF) <= 3
                && b[off + 4] == 0x21 && b[off + 5] == 0x12 && (b[off + 6] & 0xFF) == 0xA4 && b[off + 7] == 0x42;
    }

    private void clientChannelData(long now, FiveTuple tuple, byte[] buf, int off, int len) {
        int payload;
        try {
            payload = ChannelData.validate(buf, off, len, MAX_PAYLOAD);
        } catch (ChannelDataException e) {
            malformed++; // RFC 8656 §12.5: discarded
            return;
        }
        Allocation a = byFiveTuple.get(tuple);
        if (a == null || now >= a.expiresAt) {
            droppedNoAllocation++;
            return;
        }
        Allocation.Channel channel = a.activeChannel(ChannelData.channelNumberOf(buf, off), now);
        if (channel == null) { // RFC 8656 §12.6: not bound → discard
            droppedNoPermission++;
            return;
        }
        toPeer(a, now, channel.peer, buf, off + ChannelData.HEADER_LENGTH, payload);
    }

    private void toPeer(Allocation a, long now, InetSocketAddress peer, byte[] buf, int off, int len) {
        if (!a.hasPermission(peer.getAddress(), now)) { // RFC 8656 §10.2
            droppedNoPermission++;
            return;
        }
        if (!a.bandwidth.tryTake(now, len)) {
            droppedBandwidth++;
            return;
        }
        transmits.add(new TurnTransmit(ClientTransport.UDP, a.relayed, peer, buf, off, len));
        a.bytesToPeers += len;
        datagramsToPeers++;
        bytesToPeers += len;
    }

    private void toClient(Allocation a, byte[] buf, int off, int len, int applicationBytes) {
        FiveTuple t = a.fiveTuple;
        transmits.add(new TurnTransmit(t.transport(), t.server(), t.client(), buf, off, len));
        a.bytesToClient += applicationBytes;
        datagramsToClients++;
        bytesToClients += applicationBytes;
    }

    // ---------------------------------------------------------------- STUN

    private void handleStun(long now, FiveTuple tuple, StunMessage m, byte[] raw) {
        if (m.messageClass() == StunClass.INDICATION) {
            if (m.method() == TurnMethods.SEND) {
                sendIndication(now, tuple, m);
            }
            return; // other indications (Binding keep-alives) need nothing
        }
        if (m.messageClass() != StunClass.REQUEST) {
            return; // responses are not for a server
        }
        requests++;
        if (m.method() == StunMethods.BINDING) { // ICE uses TURN servers as STUN servers too
            reply(tuple, replies.success(m, Protection.NONE, new XorMappedAddress(tuple.client())));
            return;
        }
        List<Integer> unknown = new ArrayList<>(m.unknownComprehensionRequired());
        if (m.first(DontFragment.class).isPresent() && m.method() == TurnMethods.ALLOCATE) {
            unknown.add(TurnAttributeTypes.DONT_FRAGMENT); // RFC 8656 §7.2: DF unsupported → as unknown
        }
        if (!unknown.isEmpty()) { // RFC 8489 §6.3.1
            error(tuple, m, 420, "Unknown Attribute", Protection.NONE, new UnknownAttributes(unknown));
            return;
        }
        Protection p = authenticate(now, tuple, m, raw);
        if (p == null) {
            return; // an error went out already
        }
        switch (m.method()) {
            case TurnMethods.ALLOCATE -> allocate(now, tuple, m, p);
            case TurnMethods.REFRESH -> refresh(now, tuple, m, p);
            case TurnMethods.CREATE_PERMISSION -> createPermission(now, tuple, m, p);
            case TurnMethods.CHANNEL_BIND -> channelBind(now, tuple, m, p);
            default -> error(tuple, m, 400, "Bad Request: unknown method", p);
        }
    }

    /** RFC 8489 §9.2.4 and RFC 8656 §5. Returns the key to protect the response with, or null after sending an error. */
    private Protection authenticate(long now, FiveTuple tuple, StunMessage m, byte[] raw) {
        Allocation live = byFiveTuple.get(tuple);
        LongTermAuth.Outcome outcome = auth.check(now, m, raw,
                live != null && now < live.expiresAt && m.method() != TurnMethods.ALLOCATE ? live : null);
        if (outcome instanceof LongTermAuth.Rejected r) {
            if (r.code() == 438) {
                staleNonces++;
            } else if (r.code() == 401) {
                unauthenticated++;
            }
            if (r.challenge()) {
                error(tuple, m, r.code(), r.reason(), Protection.NONE, auth.realm(), auth.freshNonce(now));
            } else {
                error(tuple, m, r.code(), r.reason(), Protection.NONE);
            }
            return null;
        }
        LongTermAuth.Verified v = (LongTermAuth.Verified) outcome;
        Allocation a = byFiveTuple.get(tuple);
        if (a != null && !a.username.equals(v.username()) && m.method() != TurnMethods.ALLOCATE) {
            error(tuple, m, 441, "Wrong Credentials", v.protection()); // RFC 8656 §5: one user per allocation
            return null;
        }
        return v.protection();
    }

    private void allocate(long now, FiveTuple tuple, StunMessage m, Protection p) {
        Allocation existing = byFiveTuple.get(tuple);
        if (existing != null && now < existing.expiresAt) {
            if (existing.allocateTransaction.equals(m.transactionId())) {
                reply(tuple, existing.allocateResponse); // a retransmission (RFC 8656 §7.2)
            } else {
                error(tuple, m, 437, "Allocation Mismatch", p);
            }
            return;
        }
        var transport = m.first(RequestedTransport.class);
        if (transport.isEmpty()) {
            error(tuple, m, 400, "Bad Request: REQUESTED-TRANSPORT is required", p);
            return;
        }
        if (transport.get().protocol() != RequestedTransport.UDP) {
            error(tuple, m, 442, "Unsupported Transport Protocol", p);
            return;
        }
        var evenPort = m.first(EvenPort.class);
        var token = m.first(ReservationToken.class);
        var family = m.first(RequestedAddressFamily.class);
        if (token.isPresent() && (evenPort.isPresent() || family.isPresent())) {
            error(tuple, m, 400, "Bad Request: RESERVATION-TOKEN with EVEN-PORT or REQUESTED-ADDRESS-FAMILY", p);
            return;
        }
        InetSocketAddress reserved = null;
        if (token.isPresent()) {
            reserved = reservations.take(now, token.get());
            if (reserved == null) { // RFC 8656 §7.2: not valid → 508
                error(tuple, m, 508, "Insufficient Capacity: unknown reservation token", p);
                return;
            }
        }
        int fam = family.map(RequestedAddressFamily::family).orElse(TurnAddresses.FAMILY_IPV4);
        if (fam != TurnAddresses.FAMILY_IPV4 && fam != TurnAddresses.FAMILY_IPV6) {
            error(tuple, m, 440, "Address Family not Supported", p);
            return;
        }
        String user = m.first(Username.class).orElseThrow().value();
        if (perUser.getOrDefault(user, 0) >= config.maxAllocationsPerUser()) {
            quotaRefusals++;
            error(tuple, m, 486, "Allocation Quota Reached", p);
            return;
        }
        if (byFiveTuple.size() >= config.maxAllocations()) {
            error(tuple, m, 508, "Insufficient Capacity", p);
            return;
        }
        AllocationGate.Refusal refusal = gate.check(now, user, tuple.client(), byFiveTuple.size());
        if (refusal != null) { // the operator's caps and the incentive policy (docs/INCENTIVES.md)
            if (refusal.code() == 486) quotaRefusals++;
            if (reserved != null) ports.release(reserved);
            error(tuple, m, refusal.code(), refusal.reason(), p);
            return;
        }
        InetSocketAddress relayed;
        ReservationToken newToken = null;
        if (reserved != null) {
            relayed = reserved;
        } else if (evenPort.isPresent() && evenPort.get().reserveNext()) {
            relayed = reservations.reservePair(fam);
            if (relayed != null) {
                newToken = reservations.hold(now, relayed);
            }
        } else {
            relayed = ports.reserve(fam, evenPort.isPresent());
        }
        if (relayed == null) {
            error(tuple, m, fam == TurnAddresses.FAMILY_IPV4 ? 508 : 440,
                    fam == TurnAddresses.FAMILY_IPV4 ? "Insufficient Capacity" : "Address Family not Supported", p);
            return;
        }
        if (existing != null) {
            close(now, existing, TurnEvent.CloseReason.EXPIRED); // expired but not yet swept
        }
        long lifetime = Math.min(grantedLifetime(m, false), config.maxAllocationAgeMs());
        Allocation a = new Allocation(tuple, relayed, user, p.key(), now, m.transactionId(), now + lifetime,
                new TokenBucket(config.bytesPerSecondPerAllocation(), config.burstBytes(), now));
        a.allocateResponse = newToken == null
                ? replies.success(m, p, new XorRelayedAddress(relayed), new Lifetime(lifetime / 1000),
                        new XorMappedAddress(tuple.client()))
                : replies.success(m, p, new XorRelayedAddress(relayed), new Lifetime(lifetime / 1000),
                        new XorMappedAddress(tuple.client()), newToken);
        byFiveTuple.put(tuple, a);
        byRelayed.put(relayed, a);
        perUser.merge(user, 1, Integer::sum);
        expiries.add(new Expiry(a.expiresAt, a));
        allocationsCreated++;
        events.add(new TurnEvent.AllocationCreated(tuple, user, relayed));
        gate.opened(now, user, tuple.client(), relayed);
        reply(tuple, a.allocateResponse);
    }

    private void refresh(long now, FiveTuple tuple, StunMessage m, Protection p) {
        Allocation a = liveAllocation(now, tuple, m, p);
        if (a == null) {
            return;
        }
        // the per-client duration quota: no refresh carries an allocation past its maximum age
        long lifetime = Math.min(grantedLifetime(m, true), Math.max(0, a.createdAt + config.maxAllocationAgeMs() - now));
        if (lifetime == 0) { // RFC 8656 §8.2: LIFETIME 0 deletes
            close(now, a, TurnEvent.CloseReason.DELETED);
        } else {
            a.expiresAt = now + lifetime;
            expiries.add(new Expiry(a.expiresAt, a));
            a.prune(now, config.channelQuarantineMs());
        }
        reply(tuple, replies.success(m, p, new Lifetime(lifetime / 1000)));
    }

    private void createPermission(long now, FiveTuple tuple, StunMessage m, Protection p) {
        Allocation a = liveAllocation(now, tuple, m, p);
        if (a == null) {
            return;
        }
        List<XorPeerAddress> peers = m.attributes().stream()
                .filter(XorPeerAddress.class::isInstance).map(XorPeerAddress.class::cast).toList();
        if (peers.isEmpty()) {
            error(tuple, m, 400, "Bad Request: XOR-PEER-ADDRESS is required", p);
            return;
        }
        for (XorPeerAddress peer : peers) { // all or nothing (RFC 8656 §9.2)
            if (!checkPeer(tuple, m, p, a, peer.address())) {
                return;
            }
        }
        a.prune(now, config.channelQuarantineMs());
        for (XorPeerAddress peer : peers) {
            a.installPermission(peer.address().getAddress(), now + config.permissionLifetimeMs());
        }
        reply(tuple, replies.success(m, p));
    }

    private void channelBind(long now, FiveTuple tuple, StunMessage m, Protection p) {
        Allocation a = liveAllocation(now, tuple, m, p);
        if (a == null) {
            return;
        }
        var number = m.first(ChannelNumber.class);
        var peer = m.first(XorPeerAddress.class);
        if (number.isEmpty() || !ChannelNumber.isValid(number.get().number()) || peer.isEmpty()) {
            error(tuple, m, 400, "Bad Request: CHANNEL-NUMBER 0x4000-0x7FFF and XOR-PEER-ADDRESS are required", p);
            return;
        }
        if (!checkPeer(tuple, m, p, a, peer.get().address())) {
            return;
        }
        int n = number.get().number();
        InetSocketAddress address = peer.get().address();
        a.prune(now, config.channelQuarantineMs());
        if (!a.canBind(n, address, now, config.channelQuarantineMs())) { // RFC 8656 §11.2
            error(tuple, m, 400, "Bad Request: channel or peer bound to something else", p);
            return;
        }
        a.bind(n, address, now + config.channelLifetimeMs());
        a.installPermission(address.getAddress(), now + config.permissionLifetimeMs()); // §11.2: also a permission
        reply(tuple, replies.success(m, p));
    }

    private void sendIndication(long now, FiveTuple tuple, StunMessage m) {
        Allocation a = byFiveTuple.get(tuple);
        if (a == null || now >= a.expiresAt) {
            droppedNoAllocation++;
            return;
        }
        var peer = m.first(XorPeerAddress.class);
        var data = m.first(Data.class);
        if (peer.isEmpty() || data.isEmpty()) { // RFC 8656 §10.2: discarded
            malformed++;
            return;
        }
        byte[] payload = data.get().bytes();
        toPeer(a, now, peer.get().address(), payload, 0, payload.length);
    }

    /** The allocation of this 5-tuple, or null after answering 437 (RFC 8656 §8.2, §9.2, §11.2). */
    private Allocation liveAllocation(long now, FiveTuple tuple, StunMessage m, Protection p) {
        Allocation a = byFiveTuple.get(tuple);
        if (a == null || now >= a.expiresAt) {
            error(tuple, m, 437, "Allocation Mismatch", p);
            return null;
        }
        return a;
    }

    /** Family must match the relayed address (443, RFC 8656 §9.2) and the policy must allow the peer (403). */
    private boolean checkPeer(FiveTuple tuple, StunMessage m, Protection p, Allocation a, InetSocketAddress peer) {
        if (TurnAddresses.familyOf(peer) != TurnAddresses.familyOf(a.relayed)) {
            error(tuple, m, 443, "Peer Address Family Mismatch", p);
            return false;
        }
        if (!config.peerPolicy().permits(peer.getAddress())) {
            forbiddenPeers++;
            error(tuple, m, 403, "Forbidden: peer address not allowed", p);
            return false;
        }
        return true;
    }

    /** RFC 8656 §7.2/§8.2: no LIFETIME → default; at most the maximum; a refresh may ask for 0. */
    private long grantedLifetime(StunMessage m, boolean refresh) {
        var requested = m.first(Lifetime.class);
        if (requested.isEmpty()) {
            return config.defaultLifetimeMs();
        }
        long ms = requested.get().seconds() * 1000;
        if (refresh && ms == 0) {
            return 0;
        }
        return Math.min(Math.max(ms, config.defaultLifetimeMs()), config.maxLifetimeMs());
    }

    private void close(long now, Allocation a, TurnEvent.CloseReason reason) {
        a.closed = true;
        byFiveTuple.remove(a.fiveTuple, a);
        byRelayed.remove(a.relayed, a);
        perUser.computeIfPresent(a.username, (u, n) -> n <= 1 ? null : n - 1);
        ports.release(a.relayed);
        events.add(new TurnEvent.AllocationClosed(a.fiveTuple, a.username, a.relayed, reason, a.bytesToPeers, a.bytesToClient));
        gate.closed(now, a.username, a.fiveTuple.client(), a.relayed);
    }

    private void error(FiveTuple tuple, StunMessage m, int code, String reason, Protection p,
                       io.peerdial.overlay.stun.StunAttribute... extra) {
        errorResponses++;
        reply(tuple, replies.error(m, code, reason, p, extra));
    }

    private void reply(FiveTuple tuple, byte[] bytes) {
        transmits.add(TurnTransmit.toClient(tuple, bytes));
    }
}
