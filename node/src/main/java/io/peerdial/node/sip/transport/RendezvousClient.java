package io.peerdial.node.sip.transport;

import io.peerdial.node.sip.rendezvous.FlowClient;
import io.peerdial.node.sip.rendezvous.FlowToken;
import io.peerdial.node.sip.rendezvous.SuperNode;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link FlowClient} with JAIN-SIP: sends its signed flow registrations from the node
 * face (the socket inbound SIP must come back to, so the NAT mapping is the flow), feeds the
 * answers back, asks for super-node candidates when short of them, and tells the registrar to
 * republish when the set of rendezvous changes. The registration:
 * <pre>
 * REGISTER sip:SUPER-HOST:PORT SIP/2.0
 * Via: SIP/2.0/UDP FACE;rport;branch=…        (rport: RFC 3581, the answer must reach the NAT mapping)
 * From: &lt;sip:NODEIDHEX@flow.peerdial.invalid&gt;;tag=…
 * To: &lt;sip:NODEIDHEX@flow.peerdial.invalid&gt;
 * Contact: &lt;sip:NODEIDHEX@FACE&gt;
 * Expires: 60
 * P-Peerdial-Identity: nodeid=NODEIDHEX;…      (the same node signature as every inter-node request)
 * </pre>
 */
final class RendezvousClient {

    private static final Logger log = LoggerFactory.getLogger(RendezvousClient.class);
    /** How often the driver polls the state machine (its deadlines are seconds apart). */
    static final long TICK_MS = 250;
    /** How often candidates are refreshed from the overlay even when none is missing. */
    static final long CANDIDATES_EVERY_MS = 60_000;

    private final FlowClient client;
    private final NodeKeyPair node;
    private final Faces faces;
    private final SipMessages sip;
    private final Supplier<CompletableFuture<List<SuperNode>>> finder;
    private final Runnable onChange;
    private final ScheduledExecutorService timer;
    private final Map<ClientTransaction, NodeId> outstanding = new ConcurrentHashMap<>();
    private final Map<NodeId, String> callIds = new ConcurrentHashMap<>();
    private long cseq = 1;
    private boolean finding;
    private long lastFind = Long.MIN_VALUE / 2;
    private volatile String transport = ListeningPoint.UDP;

    RendezvousClient(FlowClient.Settings settings, NodeKeyPair node, Faces faces, SipMessages sip,
                     Supplier<CompletableFuture<List<SuperNode>>> finder, Runnable onChange, ScheduledExecutorService timer) {
        this.client = new FlowClient(settings, node.nodeId(), new SplittableRandom());
        this.node = node;
        this.faces = faces;
        this.sip = sip;
        this.finder = finder;
        this.onChange = onChange;
        this.timer = timer;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** Flows over TCP instead of UDP (a UDP-blocked node, docs/SIP.md). */
    void useTcp(boolean tcp) {
        transport = tcp ? ListeningPoint.TCP : ListeningPoint.UDP;
    }

    List<SuperNode> rendezvous() {
        synchronized (client) {
            return client.rendezvous();
        }
    }

    /** True when {@code ct} was one of ours (then the response is consumed here). */
    boolean onResponse(ClientTransaction ct, Response response) {
        NodeId superNode = ct == null ? null : outstanding.get(ct);
        if (superNode == null) return false;
        if (response.getStatusCode() < 200) return true;
        outstanding.remove(ct);
        boolean changed;
        synchronized (client) {
            if (response.getStatusCode() < 300) client.onAnswer(superNode, now());
            else client.onRefused(superNode, now());
            changed = client.takeChanged();
        }
        if (response.getStatusCode() >= 300) log.info("flow to super-node {} refused: {}", superNode.shortHex(), response.getStatusCode());
        if (changed) changed();
        return true;
    }

    void onTimeout(ClientTransaction ct) {
        outstanding.remove(ct); // the state machine's own, shorter, timeout has acted already
    }

    private void tick() {
        try {
            long now = now();
            List<FlowClient.Register> sends;
            boolean changed;
            boolean find;
            synchronized (client) {
                find = !finding && (client.needsCandidates(now) && now - lastFind >= 2_000 || now - lastFind >= CANDIDATES_EVERY_MS);
                if (find) {
                    finding = true;
                    lastFind = now;
                }
                sends = client.poll(now);
                changed = client.takeChanged();
            }
            if (find) findCandidates();
            for (FlowClient.Register r : sends) send(r);
            if (changed) changed();
        } catch (RuntimeException e) {
            log.warn("rendezvous tick failed: {}", e.toString(), e);
        }
    }

    private void findCandidates() {
        finder.get().whenComplete((found, error) -> {
            synchronized (client) {
                finding = false;
                if (found != null) client.offer(found);
            }
            if (error != null) log.debug("no super-node candidates: {}", error.toString());
        });
    }

    private void changed() {
        log.info("rendezvous super-nodes now {}", rendezvous().stream().map(s -> s.id().shortHex() + "@" + s.sip()).toList());
        onChange.run();
    }

    private void send(FlowClient.Register r) {
        SuperNode target = r.target();
        try {
            String token = FlowToken.of(node.nodeId());
            SipURI ruri = sip.addresses.createSipURI(null, target.sip().getAddress().getHostAddress());
            ruri.setPort(target.sip().getPort());
            if (!transport.equals(ListeningPoint.UDP)) ruri.setTransportParam(transport.toLowerCase());
            SipURI aor = sip.addresses.createSipURI(token, FlowToken.DOMAIN);
            long seq;
            synchronized (this) {
                seq = cseq++;
            }
            CallIdHeader callId = sip.headers.createCallIdHeader(callIds.computeIfAbsent(target.id(),
                    k -> faces.peer().getNewCallId().getCallId()));
            Request reg = sip.messages.createRequest(ruri, Request.REGISTER, callId,
                    sip.headers.createCSeqHeader(seq, Request.REGISTER),
                    sip.headers.createFromHeader(sip.addresses.createAddress(aor), Long.toHexString(seq * 7919 + 17)),
                    sip.headers.createToHeader(sip.addresses.createAddress(aor), null),
                    new java.util.ArrayList<>(), sip.headers.createMaxForwardsHeader(SipMessages.DEFAULT_MAX_FORWARDS));
            sip.pushVia(reg, Side.PEER, transport);
            SipURI contact = sip.addresses.createSipURI(token, faces.peerHost());
            contact.setPort(faces.peerPort());
            reg.addHeader(sip.headers.createContactHeader(sip.addresses.createAddress(contact)));
            reg.addHeader(sip.headers.createExpiresHeader((int) (r.lifetimeMs() / 1000)));
            sip.sign(reg, node, now());
            ClientTransaction ct = faces.peer().getNewClientTransaction(reg);
            outstanding.put(ct, target.id());
            ct.sendRequest();
            log.debug("flow registration to {} at {}", target.id().shortHex(), target.sip());
        } catch (Exception e) {
            log.info("flow registration to {} not sent: {}", target.id().shortHex(), e.toString());
            // no answer will come: the state machine's answer timeout ends the flow
        }
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
