package io.peerdial.node.media.net;

import io.peerdial.node.media.anchor.AnchorSdp;
import io.peerdial.node.media.anchor.IceRestartBody;
import io.peerdial.node.media.anchor.IceRestartException;
import io.peerdial.node.media.ice.CandidateKind;
import io.peerdial.node.media.ice.TurnServer;
import io.peerdial.node.sip.transport.IceRestartSignal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.peerdial.node.media.ice.IceAttributeException;
import io.peerdial.node.media.ice.IceConfig;
import io.peerdial.node.media.ice.IceDescription;
import io.peerdial.node.media.ice.IceFailedException;
import io.peerdial.node.media.ice.IceSession;
import io.peerdial.node.media.ice.SelectedPair;
import io.peerdial.node.media.sdp.SdpWriter;
import io.peerdial.node.relay.RelayReceiptTracker;
import io.peerdial.node.media.sdp.SessionDescription;
import io.peerdial.node.sip.transport.MediaAnchor.Carrier;
import io.peerdial.node.sip.transport.MediaAnchor.Refused;
import io.peerdial.node.sip.transport.Side;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media of one anchored call: its offer/answer state (RFC 3264 §4), its ICE session and its
 * bridge. Offers and answers alternate; the side that made the pending offer is remembered, and a
 * body from the other side is its answer. The offerer toward the other node is the ICE controlling
 * agent (RFC 8445 §6.1.1). The first answer from the node side starts the checks; later answers
 * from other forks of the same INVITE keep the first one's ICE session (their 2xx are answered with
 * BYE by the caller anyway, RFC 3261 §13.2.2.4). A new ice-ufrag from the other node, or a re-offer
 * after a failed run, is an ICE restart (RFC 8445 §9).
 *
 * <p>Called on SIP stack threads under this object's lock.
 */
final class AnchoredCall implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnchoredCall.class);

    private final String callId;
    private final InetAddress phoneHost;
    private final IceConfig iceConfig;
    private final Consumer<AnchoredCall> onEvent;
    private MediaBridge bridge;
    private IceSession ice;
    private Side pendingOffer;
    private Side lastAnswerFrom;
    private String remoteUfrag;
    /** The other node's ICE description of the latest offer or answer, for the checks to start with. */
    private IceDescription pendingRemote;
    private boolean iceStarted;
    private byte[] lastIn;
    private Side lastFrom;
    private byte[] lastOut;
    private volatile SelectedPair pair;
    private volatile IceFailedException failure;
    private volatile long answeredNanos;
    private volatile long completedNanos;
    private boolean closed;
    /** The configuration the current ICE run gathered with (its TURN servers are the relay in use). */
    private IceConfig runConfig;
    // Relay failover (docs/MEDIA.md "Relay failover"): what the watchdog saw at its last look
    private long heardCount;
    private long heardAtMs;
    private long phoneCountAtHeard;
    private boolean failingOver;
    private long nextFailoverMs;
    private byte[] lastRestartIn;
    private byte[] lastRestartOut;

    /** Receipts for the relays this call's ICE allocates on (docs/INCENTIVES.md), or null. */
    private final RelayReceiptTracker receipts;

    AnchoredCall(String callId, InetAddress phoneHost, IceConfig iceConfig, Consumer<AnchoredCall> onEvent) {
        this(callId, phoneHost, iceConfig, onEvent, null);
    }

    /** {@code receipts}: makes the receipt tracker of a call from its usage source, or null for none. */
    AnchoredCall(String callId, InetAddress phoneHost, IceConfig iceConfig, Consumer<AnchoredCall> onEvent,
                 java.util.function.BiFunction<String, RelayReceiptTracker.UsageSource, RelayReceiptTracker> receipts) {
        this.callId = callId;
        this.phoneHost = phoneHost;
        this.iceConfig = iceConfig;
        this.onEvent = onEvent;
        this.runConfig = iceConfig;
        this.receipts = receipts == null ? null : receipts.apply(callId, this::relayUsage);
    }

    /** The current ICE run's allocations (called under this object's lock, by the tracker). */
    private List<io.peerdial.node.media.ice.RelayUsage> relayUsage() {
        return ice == null ? List.of() : ice.relayUsage();
    }

    /** The watchdog's look at the relay byte counts: a receipt is sent when one is due ({@code nowMs}: monotonic). */
    synchronized void tickReceipts(long nowMs) {
        if (!closed && receipts != null) receipts.tick(nowMs);
    }

    synchronized byte[] rewrite(Side from, Carrier carrier, byte[] body, SessionDescription sd) throws Refused {
        if (closed) throw new Refused("call already ended");
        boolean same = from == lastFrom && Arrays.equals(body, lastIn);
        if (same && (pendingOffer == from || carrier == Carrier.RESPONSE)) return lastOut; // another fork, or 183 then 200
        if (carrier == Carrier.RESPONSE && pendingOffer == null && lastAnswerFrom == from && from == Side.PEER) {
            // another fork's answer: the first one's ICE session stays; the phone gets the same view
            return bytes(AnchorSdp.towardPhone(sd, bridge.phoneFacing()));
        }
        boolean offer = switch (carrier) {
            case REQUEST -> true;
            case ACK -> false;
            case RESPONSE -> pendingOffer == null; // a 2xx's offer answers an INVITE without one (RFC 3261 §13.2.1)
        };
        SessionDescription out;
        try {
            out = from == Side.PHONE ? fromPhone(sd, offer) : fromNode(sd, offer);
        } catch (IOException e) {
            throw new Refused("media not anchored: " + e.getMessage());
        }
        pendingOffer = offer ? from : null;
        if (!offer) lastAnswerFrom = from;
        lastFrom = from;
        lastIn = body;
        lastOut = bytes(out);
        return lastOut;
    }

    /** What the last body from {@code from} was rewritten to, if {@code body} is that body; else null. */
    synchronized byte[] repeat(Side from, byte[] body) {
        return from == lastFrom && Arrays.equals(body, lastIn) ? lastOut : null;
    }

    private static byte[] bytes(SessionDescription sd) {
        return SdpWriter.write(sd).getBytes(StandardCharsets.UTF_8);
    }

    private SessionDescription fromPhone(SessionDescription sd, boolean offer) throws IOException, Refused {
        AnchorSdp.PhoneMedia phone = AnchorSdp.phoneMedia(sd).orElseThrow(() -> new Refused("no audio in the phone's SDP"));
        ensureBridge();
        if (!phone.onHold()) bridge.phone(phone.rtp(), phone.rtcp());
        if (ice == null) {
            ice = newIce(offer ? IceSession.Role.CONTROLLING : IceSession.Role.CONTROLLED);
        } else if (offer && failure != null) {
            restart();
        }
        SessionDescription toNode = AnchorSdp.towardNode(sd, ice.localDescription());
        if (!offer) startChecks(); // the phone answered the other node's offer: we had its candidates since then
        return toNode;
    }

    private SessionDescription fromNode(SessionDescription sd, boolean offer) throws IOException, Refused {
        IceDescription remote;
        try {
            remote = AnchorSdp.remoteIce(sd);
        } catch (IceAttributeException e) {
            throw new Refused("bad ICE attributes from the other node: " + e.getMessage());
        }
        if (AnchorSdp.audioIndex(sd) < 0) throw new Refused("no audio in the other node's SDP");
        ensureBridge();
        if (ice == null) {
            ice = newIce(offer ? IceSession.Role.CONTROLLED : IceSession.Role.CONTROLLING);
        } else if (offer && remoteUfrag != null && !remoteUfrag.equals(remote.ufrag())) {
            restart(); // RFC 8839 §4.4.1.1.1: the peer's re-offer has new credentials
        }
        remoteUfrag = remote.ufrag();
        pendingRemote = remote;
        if (!offer) {
            answeredNanos = System.nanoTime();
            startChecks();
        }
        return AnchorSdp.towardPhone(sd, bridge.phoneFacing());
    }

    private void startChecks() {
        if (iceStarted || pendingRemote == null) return;
        iceStarted = true;
        if (answeredNanos == 0) answeredNanos = System.nanoTime();
        ice.start(pendingRemote);
    }

    private void restart() throws IOException {
        log.info("call {}: ICE restart", callId);
        ice.restart(runConfig);
        iceStarted = false;
        failure = null;
        pair = null;
        watch(ice);
    }

    private void ensureBridge() throws IOException {
        if (bridge == null) bridge = MediaBridge.open(phoneHost, shortId());
    }

    private IceSession newIce(IceSession.Role role) throws IOException {
        MediaBridge b = bridge;
        IceSession s = IceSession.create(role, iceConfig, new IceSession.Listener() {
        }, b::fromIce);
        b.ice(s);
        watch(s);
        return s;
    }

    private void watch(IceSession s) {
        s.completion().whenComplete((selected, error) -> {
            if (selected != null) {
                pair = selected;
                completedNanos = System.nanoTime();
                log.info("call {}: ICE pair {}/{} {} -> {} in {} ms{}", callId, selected.localType(), selected.remoteType(),
                        selected.local(), selected.remote(), selected.startToCompleted().toMillis(),
                        selected.generation() == 0 ? "" : " (after restart " + selected.generation() + ")");
            } else {
                Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
                failure = cause instanceof IceFailedException f ? f : null;
                log.info("call {}: ICE failed: {}", callId, cause.toString());
            }
            onEvent.accept(this);
        });
    }

    // ---- relay failover (docs/MEDIA.md "Relay failover") ----

    /** Nothing from the other node for this long while the phone keeps sending: the path is dead. */
    static final long SILENCE_MS = 1_000;
    /** The phone must have sent at least this many datagrams meanwhile (~0.4 s of 20 ms packets): a silent phone proves nothing. */
    static final long PHONE_PACKETS = 20;
    /** After a failed attempt, the next one waits this long. */
    static final long RETRY_MS = 2_000;
    /** How long the other node has to answer a restart request. */
    static final long ANSWER_TIMEOUT_MS = 3_000;

    /**
     * The watchdog's look at this call ({@code nowMs}: a monotonic clock). When the selected pair's
     * local candidate is RELAY (both RELAY: only the controlling side, so that the two ends never restart
     * at once) and nothing came from the other node for {@link #SILENCE_MS} while the phone kept sending,
     * the relay is taken for dead: ICE restarts with another relay and the other node is asked to restart too.
     */
    void checkLiveness(long nowMs, RelayFailover failover, IceRestartSignal signal) {
        if (signal == null) return;
        long heard = bridge == null ? 0 : bridge.packetsToPhone();
        long phone = bridge == null ? 0 : bridge.packetsFromPhone();
        SelectedPair p = pair;
        IceDescription remoteNow;
        IceDescription localNow;
        synchronized (this) {
            if (closed || ice == null || bridge == null) return;
            if (heard != heardCount || p == null || failingOver || heardAtMs == 0) {
                heardCount = heard;
                heardAtMs = nowMs;
                phoneCountAtHeard = phone;
                return;
            }
            if (nowMs - heardAtMs < SILENCE_MS || phone - phoneCountAtHeard < PHONE_PACKETS || nowMs < nextFailoverMs) return;
            if (!initiatesFailover(p)) return;
            failingOver = true;
            remoteNow = pendingRemote;
            localNow = ice.localDescription();
        }
        log.info("call {}: nothing from the other node for {} ms over {}/{} {} -> {}: relay failover", callId, nowMs - heardAtMs,
                p.localType(), p.remoteType(), p.local(), p.remote());
        try {
            List<TurnServer> dead = runConfig.turnServers();
            dead.forEach(t -> failover.relayFailed(t.address()));
            // both ends relayed: which relay died is not known here, so neither is used again
            java.util.function.Predicate<TurnServer> avoid = p.remoteType() == CandidateKind.RELAY
                    ? RelayFailover.oneOf(dead).or(RelayFailover.atHostOf(p.remote())) : RelayFailover.oneOf(dead);
            IceConfig next = failover.restartConfig(iceConfig, p.local().getAddress(), avoid);
            IceDescription mine = ice.restart(next); // gathers on the next relay: not under the lock
            synchronized (this) {
                runConfig = next;
                iceStarted = false;
                failure = null;
                watch(ice);
            }
            byte[] body = IceRestartBody.encode(callId, mine, remoteNow.pwd());
            signal.send(callId, body).orTimeout(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .whenComplete((answer, error) -> onRestartAnswer(answer, error, localNow.pwd()));
        } catch (IOException | RuntimeException e) {
            failoverFailed(e);
        }
    }

    /** The side whose local candidate is RELAY asks; when both are, the controlling one (no glare). */
    private boolean initiatesFailover(SelectedPair p) {
        return p.localType() == CandidateKind.RELAY
                && (p.remoteType() != CandidateKind.RELAY || ice.role() == IceSession.Role.CONTROLLING);
    }

    private void onRestartAnswer(byte[] answer, Throwable error, String ourOldPwd) {
        if (error != null) {
            failoverFailed(error);
            return;
        }
        try {
            IceRestartBody.Message m = IceRestartBody.decode(answer);
            if (!m.callId().equals(callId) || !m.authenticatedBy(ourOldPwd)) {
                throw new IceRestartException(IceRestartException.Reason.BAD_AUTH, "answer not from the other end of the call");
            }
            synchronized (this) {
                if (closed) return;
                remoteUfrag = m.description().ufrag();
                pendingRemote = m.description();
                iceStarted = true;
                ice.start(m.description());
                failingOver = false;
                heardAtMs = 0;
                nextFailoverMs = System.nanoTime() / 1_000_000 + ANSWER_TIMEOUT_MS; // the checks' time to complete
            }
            log.info("call {}: ICE restart answered by the other node, checks running", callId);
        } catch (IceRestartException | RuntimeException e) {
            failoverFailed(e);
        }
    }

    private synchronized void failoverFailed(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        log.info("call {}: relay failover failed ({}); again in {} ms", callId, cause.toString(), RETRY_MS);
        failingOver = false;
        heardAtMs = 0;
        nextFailoverMs = System.nanoTime() / 1_000_000 + RETRY_MS;
    }

    /**
     * The other node restarts ICE for this call (its relay failed): answers with our new description.
     * A second copy of the same request (it was forked to every contact of the device) gets the same answer.
     */
    synchronized byte[] onRestartOffer(IceRestartBody.Message m, RelayFailover failover) throws Refused {
        if (closed) throw new Refused("call ended");
        if (lastRestartIn != null && Arrays.equals(lastRestartIn, m.signedPart())) return lastRestartOut;
        if (ice == null || pendingRemote == null) throw new Refused("no ICE session for this call yet");
        if (!m.authenticatedBy(ice.localDescription().pwd())) throw new Refused("restart not authenticated by this call's ICE password");
        SelectedPair p = pair;
        String theirOldPwd = pendingRemote.pwd();
        boolean theirRelay = p != null && p.remoteType() == CandidateKind.RELAY;
        boolean ourRelay = p != null && p.localType() == CandidateKind.RELAY;
        java.util.function.Predicate<TurnServer> avoid = theirRelay ? RelayFailover.atHostOf(p.remote()) : t -> false;
        if (ourRelay) avoid = avoid.or(RelayFailover.oneOf(runConfig.turnServers())); // both relayed: ours may be the dead one
        IceConfig next = failover.restartConfig(iceConfig, theirRelay ? p.remote().getAddress() : null, avoid);
        IceDescription mine;
        try {
            mine = ice.restart(next);
        } catch (IOException | RuntimeException e) {
            throw new Refused("ICE restart failed: " + e.getMessage());
        }
        log.info("call {}: ICE restart asked by the other node", callId);
        runConfig = next;
        failure = null;
        pair = null;
        watch(ice);
        remoteUfrag = m.description().ufrag();
        pendingRemote = m.description();
        iceStarted = true;
        ice.start(m.description());
        heardAtMs = 0;
        lastRestartIn = m.signedPart();
        lastRestartOut = IceRestartBody.encode(callId, mine, theirOldPwd);
        return lastRestartOut;
    }

    String callId() {
        return callId;
    }

    IceConfig iceConfig() {
        return iceConfig;
    }

    /** The selected pair, once ICE has completed. */
    Optional<SelectedPair> pair() {
        return Optional.ofNullable(pair);
    }

    /** Milliseconds from the answer reaching this node to ICE completion (issue #5's "< 100 ms" target), or -1. */
    long answerToIceMillis() {
        return completedNanos == 0 || answeredNanos == 0 ? -1 : (completedNanos - answeredNanos) / 1_000_000;
    }

    MediaBridge bridge() {
        return bridge;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (receipts != null) receipts.close(System.nanoTime() / 1_000_000); // final counts, before the session goes
        if (ice != null) ice.close();
        if (bridge != null) bridge.close();
    }

    private String shortId() {
        return Integer.toHexString(callId.hashCode());
    }
}
