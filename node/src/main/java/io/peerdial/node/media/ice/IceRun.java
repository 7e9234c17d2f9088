package io.peerdial.node.media.ice;

import io.peerdial.node.media.ice.IceFailedException.Reason;
import io.peerdial.node.media.turn.AllocationMeter;
import io.peerdial.node.media.turn.net.TurnTap;
import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.StunCandidateHarvester;
import org.ice4j.security.LongTermCredential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ICE run: one ice4j {@link Agent} with its credentials, candidates and checks. An ICE restart
 * (RFC 8445 §9) is a new run: fresh ufrag/pwd, fresh gathering, fresh checks.
 */
final class IceRun {

    private static final Logger log = LoggerFactory.getLogger(IceRun.class);
    static final String STREAM = "audio";
    private static final int MAX_DATAGRAM = 2048;
    /**
     * How long closing a run at the end of a call waits for the TURN servers to answer the Refresh(0)s
     * that delete its allocations: ice4j's first three transmissions (0, 100, 300 ms) and a 438 retry.
     */
    static final long DELETE_WAIT_MS = 500;

    final int generation;
    private final Agent agent;
    private final Component component;
    private final IceDescription local;
    private final CompletableFuture<SelectedPair> completion = new CompletableFuture<>();
    private final IceSession.DatagramHandler receiver;
    private volatile long startNanos;
    private Thread receiveLoop;
    private final List<TurnServer> turnServers;
    private final TurnTap tap; // between ice4j and the TURN servers (docs/MEDIA.md "TURN tap"); null without TURN servers
    private final List<TappedTurnHarvester> turnHarvesters = new ArrayList<>();
    private final Object releaseLock = new Object();
    private boolean released; // guarded by releaseLock

    /** Creates the agent and gathers every candidate (blocks for STUN/TURN answers, bounded by ice4j's harvest timeout). */
    IceRun(int generation, boolean controlling, IceConfig config, IceSession.DatagramHandler receiver) throws IOException {
        Ice4jSetup.ensure();
        this.generation = generation;
        this.receiver = receiver;
        turnServers = config.turnServers();
        tap = turnServers.isEmpty() ? null : TurnTap.start(
                turnServers.stream().map(t -> new TurnTap.Target(t.address(), t.tcp())).toList(), "g" + generation);
        try {
            agent = new Agent();
        } catch (RuntimeException e) {
            closeTap();
            throw e;
        }
        boolean ok = false;
        try {
            agent.setControlling(controlling);
            agent.setTrickling(false);
            if (config.loopback()) {
                agent.setUseDynamicPorts(false); // no interface scan: only our loopback host candidates
                agent.addCandidateHarvester(new LoopbackHostHarvester(InetAddress.getLoopbackAddress(), !config.relayOnly()));
            }
            for (InetSocketAddress stun : config.stunServers()) {
                agent.addCandidateHarvester(new StunCandidateHarvester(new TransportAddress(stun, Transport.UDP)));
            }
            for (int i = 0; i < turnServers.size(); i++) {
                // ice4j allocates over UDP only: it talks to the tap's loopback socket, the tap to the server (UDP or TCP)
                TurnServer turn = turnServers.get(i);
                TappedTurnHarvester harvester = new TappedTurnHarvester(new TransportAddress(tap.entrance(i), Transport.UDP),
                        new LongTermCredential(turn.username(), turn.password()));
                turnHarvesters.add(harvester);
                agent.addCandidateHarvester(harvester);
            }
            IceMediaStream stream = agent.createMediaStream(STREAM);
            // one component: RTP and RTCP share it (rtcp-mux, RFC 5761 §5.1.3; RFC 8445 §5.1.1 component 1)
            component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, true);
            agent.addStateChangeListener(this::stateChanged);
            local = describe(config.relayOnly());
            if (config.relayOnly() && local.candidates().isEmpty()) {
                throw new IOException("relay-only ICE: no TURN server gave a relay candidate (" + config.turnServers() + ")");
            }
            ok = true;
        } finally {
            if (!ok) {
                release(0);
            }
        }
    }

    IceDescription localDescription() {
        return local;
    }

    CompletableFuture<SelectedPair> completion() {
        return completion;
    }

    boolean isCompleted() {
        return completion.isDone() && !completion.isCompletedExceptionally();
    }

    /** Hands the peer's description to ice4j and starts the checks (RFC 8445 §6.1.4 / §7). */
    void start(IceDescription remote, Duration failAfter) {
        IceMediaStream stream = agent.getStream(STREAM);
        stream.setRemoteUfrag(remote.ufrag());
        stream.setRemotePassword(remote.pwd());
        List<RemoteCandidate> candidates = new ArrayList<>();
        for (IceCandidateAttribute c : remote.candidates()) {
            RemoteCandidate rc = toRemote(c);
            if (rc != null) {
                candidates.add(rc);
            }
        }
        component.addRemoteCandidates(candidates);
        startNanos = System.nanoTime();
        CompletableFuture.delayedExecutor(failAfter.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> fail(Reason.TIMEOUT, "not completed after " + failAfter.toMillis() + " ms"));
        if (candidates.isEmpty()) {
            fail(Reason.CHECKS_FAILED, "no usable remote candidate");
            return;
        }
        agent.startConnectivityEstablishment();
    }

    void send(byte[] data, int off, int len) throws IOException {
        component.send(data, off, len);
    }

    List<HarvestReport> harvests() {
        List<HarvestReport> out = new ArrayList<>();
        for (CandidateHarvester h : agent.getHarvesters()) {
            var s = h.getHarvestStatistics();
            out.add(new HarvestReport(h.toString(), s.getHarvestCount(), s.getTotalCandidateCount(), s.getHarvestDuration()));
        }
        return out;
    }

    /**
     * Bytes carried by each allocation this run made, as the tap counted them; allocations the server
     * never confirmed (no Allocate success seen) are left out. Still readable after close (final counts).
     */
    List<RelayUsage> relayUsage() {
        if (tap == null) {
            return List.of();
        }
        List<RelayUsage> out = new ArrayList<>();
        for (int i = 0; i < turnServers.size(); i++) {
            for (AllocationMeter m : tap.meters(i)) {
                InetSocketAddress relayed = m.relayed();
                InetSocketAddress mapped = m.mapped();
                if (relayed != null && mapped != null) {
                    out.add(new RelayUsage(turnServers.get(i), relayed, mapped, m.bytesToPeers(), m.bytesToClient()));
                }
            }
        }
        return out;
    }

    private void closeTap() {
        if (tap != null) {
            tap.close();
        }
    }

    /**
     * Deletes the run's TURN allocations while ice4j's stack still runs (see {@link TappedTurnHarvest}:
     * {@code Agent.free()} alone loses the Refresh(0) about one time in ten), waits up to {@code waitMs}
     * for the servers' answers, then frees the agent and closes the tap, whose last turn forwards what
     * ice4j sent. Once only: a second caller (a failure, then the session's close) returns when the first is done.
     */
    private void release(long waitMs) {
        synchronized (releaseLock) {
            if (released) {
                return;
            }
            released = true;
            deleteAllocationsAndFree(waitMs);
        }
    }

    private void deleteAllocationsAndFree(long waitMs) {
        CompletableFuture<?> deleted = CompletableFuture.allOf(
                turnHarvesters.stream().map(TappedTurnHarvester::deleteAllocations).toArray(CompletableFuture[]::new));
        if (waitMs > 0) {
            try {
                deleted.get(waitMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                log.debug("ICE generation {}: a TURN server did not answer the Refresh(0) within {} ms", generation, waitMs);
            } catch (ExecutionException e) {
                throw new IllegalStateException("never completes exceptionally", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        agent.free();
        closeTap();
    }

    /**
     * Completes the future exceptionally (if still pending) and frees the agent's sockets and threads.
     * At the end of a call ({@link Reason#CLOSED}) it waits (up to {@value #DELETE_WAIT_MS} ms) until
     * the TURN servers confirmed the deletion of the allocations; a superseded run is released at
     * once (its relay is often the one that died, and a restart must not wait for it).
     */
    void close(Reason reason) {
        completion.completeExceptionally(new IceFailedException(reason, generation, "run closed"));
        release(reason == Reason.CLOSED ? DELETE_WAIT_MS : 0);
        Thread loop;
        synchronized (this) {
            loop = receiveLoop;
        }
        if (loop != null && loop != Thread.currentThread()) {
            try {
                loop.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void fail(Reason reason, String detail) {
        if (completion.completeExceptionally(new IceFailedException(reason, generation, detail))) {
            log.debug("ICE generation {} failed: {} {}", generation, reason, detail);
            release(0); // nothing will use this run: release its allocations, sockets and timers now
        }
    }

    private void stateChanged(PropertyChangeEvent e) {
        Object state = e.getNewValue();
        if (state == IceProcessingState.COMPLETED) {
            CandidatePair pair = component.getSelectedPair();
            if (pair == null) {
                fail(Reason.CHECKS_FAILED, "COMPLETED without a selected pair");
                return;
            }
            SelectedPair selected = new SelectedPair(
                    kind(pair.getLocalCandidate().getType()), socketAddress(pair.getLocalCandidate().getTransportAddress()),
                    kind(pair.getRemoteCandidate().getType()), socketAddress(pair.getRemoteCandidate().getTransportAddress()),
                    Duration.ofNanos(System.nanoTime() - startNanos), generation);
            startReceiving();
            completion.complete(selected);
        } else if (state == IceProcessingState.FAILED) {
            fail(Reason.CHECKS_FAILED, "ice4j reported FAILED");
        }
    }

    private synchronized void startReceiving() {
        if (receiveLoop != null) {
            return;
        }
        DatagramSocket socket = component.getSocket(); // the component's merging socket: non-STUN datagrams only
        receiveLoop = new Thread(() -> receive(socket), "ice-rx-" + agent.getLocalUfrag());
        receiveLoop.setDaemon(true);
        receiveLoop.start();
    }

    private void receive(DatagramSocket socket) {
        DatagramPacket p = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
        while (!socket.isClosed()) {
            try {
                p.setLength(MAX_DATAGRAM);
                socket.receive(p);
            } catch (IOException e) {
                break; // closed by agent.free()
            }
            try {
                receiver.datagram(p.getData(), p.getOffset(), p.getLength());
            } catch (RuntimeException e) {
                log.warn("datagram handler failed", e);
            }
        }
    }

    private IceDescription describe(boolean relayOnly) {
        List<IceCandidateAttribute> out = new ArrayList<>();
        for (LocalCandidate c : component.getLocalCandidates()) {
            if (relayOnly && c.getType() != CandidateType.RELAYED_CANDIDATE) {
                continue; // RFC 8445 §5.1.1.2 leaves what to offer to the agent: here, relay only
            }
            TransportAddress a = c.getTransportAddress();
            TransportAddress related = c.getRelatedAddress();
            out.add(new IceCandidateAttribute(c.getFoundation(), component.getComponentID(), "UDP", c.getPriority(),
                    a.getHostAddress(), a.getPort(), kind(c.getType()),
                    related == null ? null : related.getHostAddress(), related == null ? -1 : related.getPort(), List.of()));
        }
        // RFC 8839 §5.6: "ice2" says we follow RFC 8445; we gather before offering, so no trickle
        return new IceDescription(agent.getLocalUfrag(), agent.getLocalPassword(), out, true, List.of("ice2"));
    }

    private RemoteCandidate toRemote(IceCandidateAttribute c) {
        if (c.componentId() != component.getComponentID() || !c.transport().equalsIgnoreCase("UDP")) {
            return null; // rtcp-mux: a peer's component 2 has no counterpart here
        }
        InetAddress address = IpLiteral.parse(c.address());
        if (address == null) {
            log.debug("ignoring candidate with a non-literal address (we do not resolve peers' names)");
            return null;
        }
        TransportAddress ta = new TransportAddress(address, c.port(), Transport.UDP);
        return new RemoteCandidate(ta, component, type(c.type()), c.foundation(), c.priority(), null);
    }

    static CandidateKind kind(CandidateType t) {
        return switch (t) {
            case HOST_CANDIDATE, LOCAL_CANDIDATE -> CandidateKind.HOST;
            case SERVER_REFLEXIVE_CANDIDATE, STUN_CANDIDATE -> CandidateKind.SRFLX;
            case PEER_REFLEXIVE_CANDIDATE -> CandidateKind.PRFLX;
            case RELAYED_CANDIDATE -> CandidateKind.RELAY;
        };
    }

    private static CandidateType type(CandidateKind k) {
        return switch (k) {
            case HOST -> CandidateType.HOST_CANDIDATE;
            case SRFLX -> CandidateType.SERVER_REFLEXIVE_CANDIDATE;
            case PRFLX -> CandidateType.PEER_REFLEXIVE_CANDIDATE;
            case RELAY -> CandidateType.RELAYED_CANDIDATE;
        };
    }

    private static InetSocketAddress socketAddress(TransportAddress a) {
        return new InetSocketAddress(a.getAddress(), a.getPort());
    }
}
