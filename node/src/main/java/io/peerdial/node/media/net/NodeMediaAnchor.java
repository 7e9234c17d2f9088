package io.peerdial.node.media.net;

import io.peerdial.node.media.anchor.AnchorSdp;
import io.peerdial.node.media.anchor.IceRestartBody;
import io.peerdial.node.media.anchor.IceRestartException;
import io.peerdial.node.media.ice.IceConfig;
import io.peerdial.node.media.ice.IceSession;
import io.peerdial.node.sip.transport.IceRestartSignal;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.peerdial.node.media.ice.SelectedPair;
import io.peerdial.node.media.ice.TurnServer;
import io.peerdial.node.relay.RelayCredentials;
import io.peerdial.node.relay.RelayReceiptTracker;
import java.util.function.Function;
import io.peerdial.node.media.sdp.SdpException;
import io.peerdial.node.media.sdp.SdpParser;
import io.peerdial.node.media.sdp.SessionDescription;
import io.peerdial.node.sip.transport.MediaAnchor;
import io.peerdial.node.sip.transport.Side;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's media anchor (docs/MEDIA.md, "Media anchoring"): one {@link AnchoredCall} per Call-ID
 * that has SDP crossing between the phone face and the node face. Calls between two phones of the same
 * node never come here (their bodies do not cross faces) and keep their media end to end on the host.
 */
public final class NodeMediaAnchor implements MediaAnchor {

    private static final Logger log = LoggerFactory.getLogger(NodeMediaAnchor.class);

    /** What a finished ICE run of an anchored call looked like. */
    public record IceOutcome(String callId, Optional<SelectedPair> pair, long answerToIceMillis) {}

    private static final java.util.concurrent.atomic.AtomicBoolean WARMED_UP = new java.util.concurrent.atomic.AtomicBoolean();

    private final InetAddress phoneHost;
    private final Supplier<IceConfig> iceConfig;
    private final int maxCalls;
    private final Map<String, AnchoredCall> calls = new ConcurrentHashMap<>();
    private final List<Consumer<IceOutcome>> listeners = new CopyOnWriteArrayList<>();
    /** Relay failover (docs/MEDIA.md "Relay failover"): which relay a restart uses; the way to the other node. */
    private volatile RelayFailover failover;
    private volatile IceRestartSignal restarts;
    /** Receipts for relayed calls (docs/INCENTIVES.md): where a TURN server's credentials are, where receipts go. */
    private volatile Function<TurnServer, Optional<RelayCredentials>> receiptCredentials;
    private volatile RelayReceiptTracker.Sender receiptSender;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "peerdial-media-watchdog");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param phoneHost where phones send media (the node's phone-face address, loopback for local phones)
     * @param iceConfig the ICE configuration for a new call (STUN servers: peer nodes; TURN: relays)
     * @param maxCalls  anchored calls at once; an offer beyond it is refused (488)
     */
    public NodeMediaAnchor(InetAddress phoneHost, Supplier<IceConfig> iceConfig, int maxCalls) {
        this.phoneHost = phoneHost;
        this.iceConfig = iceConfig;
        this.maxCalls = maxCalls;
        watchdog.scheduleWithFixedDelay(this::watch, WATCH_MS, WATCH_MS, TimeUnit.MILLISECONDS);
    }

    /** How often every call's media path is looked at (relay failover detection). */
    static final long WATCH_MS = 100;

    /** Where ICE restarts after a relay failure get their relay; without it a restart keeps the call's own TURN servers minus the dead one. */
    public void relayFailover(RelayFailover failover) {
        this.failover = failover;
    }

    /**
     * Receipts for the relays anchored calls allocate on (docs/INCENTIVES.md, "Receipts from calls"): each
     * call's allocations ({@code IceSession.relayUsage()}) are looked at every {@link #RECEIPT_LOOK_MS} by
     * the watchdog and closed with their final counts when the call ends or its ICE run is superseded.
     * Applies to calls anchored from now on.
     *
     * @param credentials the relay credentials a TURN server was built from ({@code RelayIceServers.credentialsFor})
     * @param sender      where receipts go ({@code RelayClient.receipts()})
     */
    public void relayReceipts(Function<TurnServer, Optional<RelayCredentials>> credentials, RelayReceiptTracker.Sender sender) {
        this.receiptSender = java.util.Objects.requireNonNull(sender, "sender");
        this.receiptCredentials = java.util.Objects.requireNonNull(credentials, "credentials");
    }

    /** How often a call's relay byte counts are looked at (the receipt signer decides when one is due). */
    static final long RECEIPT_LOOK_MS = 1_000;

    private RelayReceiptTracker receiptTracker(String callId, RelayReceiptTracker.UsageSource source) {
        Function<TurnServer, Optional<RelayCredentials>> credentials = receiptCredentials;
        RelayReceiptTracker.Sender sender = receiptSender;
        if (credentials == null || sender == null) return null;
        return new RelayReceiptTracker(callId, source, credentials, sender, RECEIPT_LOOK_MS);
    }

    @Override
    public void iceRestarts(IceRestartSignal signal) {
        this.restarts = signal;
    }

    @Override
    public Optional<byte[]> restartOffered(byte[] body) throws Refused {
        IceRestartBody.Message m;
        try {
            m = IceRestartBody.decode(body);
        } catch (IceRestartException e) {
            throw new Refused("bad ICE restart body: " + e.getMessage());
        }
        AnchoredCall call = calls.get(m.callId());
        if (call == null) return Optional.empty();
        return Optional.of(call.onRestartOffer(m, failoverFor(call)));
    }

    private RelayFailover failoverFor(AnchoredCall call) {
        RelayFailover f = failover;
        return f != null ? f : RelayFailover.sameServers(call.iceConfig());
    }

    private void watch() {
        long now = System.nanoTime() / 1_000_000;
        for (AnchoredCall call : calls.values()) {
            try {
                call.checkLiveness(now, failoverFor(call), restarts);
                call.tickReceipts(now);
            } catch (RuntimeException e) {
                log.warn("call {}: media watchdog failed: {}", call.callId(), e.toString()); // the timer must keep running
            }
        }
    }

    /**
     * Builds and frees one ICE session on a background thread, so that the node's first call does not
     * pay for loading and configuring ice4j and scanning the interfaces on the SIP thread (1.5–4 s on a
     * loaded 2-core machine, docs/MEDIA.md "End-to-end through NATs"). No STUN or TURN server is asked:
     * the warm-up session sends nothing. Once per JVM (ice4j's state is global; the demo and tests run
     * several nodes in one JVM). Best effort: a failure only means the first call pays.
     */
    public void warmUp() {
        if (!WARMED_UP.compareAndSet(false, true)) return;
        IceConfig c = iceConfig.get();
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            try (IceSession s = IceSession.create(IceSession.Role.CONTROLLING,
                    new IceConfig(c.loopback(), List.of(), List.of(), c.failAfter()), new IceSession.Listener() {
                    }, (data, offset, length) -> { })) {
                s.localDescription();
                log.debug("ICE warm-up done in {} ms", (System.nanoTime() - start) / 1_000_000);
            } catch (Exception | LinkageError e) {
                log.debug("ICE warm-up failed (the first call pays for it): {}", e.toString());
            }
        }, "peerdial-ice-warmup");
        t.setDaemon(true);
        t.start();
    }

    /** Tells {@code listener} each time an anchored call's ICE run completes or fails. */
    public void onIce(Consumer<IceOutcome> listener) {
        listeners.add(listener);
    }

    @Override
    public byte[] rewrite(String callId, Side from, Side to, Carrier carrier, byte[] sdp) throws Refused {
        SessionDescription sd;
        try {
            sd = SdpParser.parse(sdp);
        } catch (SdpException e) {
            throw new Refused("unreadable SDP: " + e.getMessage());
        }
        AnchoredCall call = calls.get(callId);
        if (call == null && AnchorSdp.isApplicationOnly(sd)) {
            return sdp; // a P2P data session (io.peerdial.p2p): its endpoints run ICE end to end, nothing to anchor
        }
        if (call == null) {
            if (calls.size() >= maxCalls) throw new Refused("media anchor full (" + maxCalls + " calls)");
            call = calls.computeIfAbsent(callId, id -> new AnchoredCall(id, phoneHost, iceConfig.get(), this::report, this::receiptTracker));
        }
        return call.rewrite(from, carrier, sdp, sd);
    }

    private void report(AnchoredCall call) {
        IceOutcome outcome = new IceOutcome(call.callId(), call.pair(), call.answerToIceMillis());
        for (Consumer<IceOutcome> l : listeners) {
            try {
                l.accept(outcome);
            } catch (RuntimeException e) {
                log.warn("ICE listener failed: {}", e.toString());
            }
        }
    }

    @Override
    public byte[] repeat(String callId, Side from, byte[] sdp) {
        AnchoredCall call = calls.get(callId);
        return call == null ? sdp : call.repeat(from, sdp);
    }

    @Override
    public void end(String callId) {
        AnchoredCall call = calls.remove(callId);
        if (call != null) call.close();
    }

    /** Anchored calls now. */
    public int activeCalls() {
        return calls.size();
    }

    /** The call's selected ICE pair, if it is anchored here and ICE has completed. */
    public Optional<SelectedPair> pair(String callId) {
        AnchoredCall call = calls.get(callId);
        return call == null ? Optional.empty() : call.pair();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        for (String id : List.copyOf(calls.keySet())) end(id);
    }
}
