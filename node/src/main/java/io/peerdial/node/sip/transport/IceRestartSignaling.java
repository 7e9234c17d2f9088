package io.peerdial.node.sip.transport;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.BindingContact;
import io.peerdial.location.read.VerifiedBinding;
import io.peerdial.node.sip.rendezvous.FlowToken;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node-to-node ICE restart requests (docs/MEDIA.md "Relay failover", docs/SIP.md): a node whose relay
 * died under an anchored call cannot re-INVITE inside the phones' dialog (a proxy owns no CSeq), so it
 * sends an out-of-dialog, node-signed
 *
 * <pre>
 * MESSAGE sip:REMOTE-AOR SIP/2.0
 * From: &lt;sip:NODEIDHEX@flow.peerdial.invalid&gt;;tag=…   To: &lt;sip:REMOTE-AOR&gt;   Call-ID: (new)
 * Content-Type: application/x-peerdial-ice+sdp
 * P-Peerdial-Identity: …
 * </pre>
 *
 * routed the way a new request to the other party would be (a fresh lookup of its AOR, every device's
 * UDP contacts at once, direct or through the rendezvous it has now — the dead super-node may have been
 * one), never along the call's Record-Route. The other node's service terminates it (it is never passed
 * to a phone) and hands the body to its media anchor, which answers 200 with its own description, 481
 * (no such call) or 403 (bad or unauthenticated body). The first 2xx wins.
 */
final class IceRestartSignaling {

    private static final Logger log = LoggerFactory.getLogger(IceRestartSignaling.class);
    static final String TYPE = "application";
    static final String SUBTYPE = "x-peerdial-ice+sdp";
    /** Calls remembered (their remote AOR) for a restart; the oldest are forgotten. */
    static final int MAX_CALLS = 50_000;
    static final long LOOKUP_TIMEOUT_MS = 2_000;
    /** With bindings from the call's start at hand, a fresh lookup gets this long before they are used. */
    static final long FRESH_LOOKUP_MS = 300;

    private final NodeKeyPair node;
    private final SipMessages sip;
    private final Faces faces;
    private final Function<Aor, CompletableFuture<List<VerifiedBinding>>> lookup;
    private final Function<Aor, CompletableFuture<List<VerifiedBinding>>> prefetch;
    private final MediaAnchor anchor;
    private final Executor timer;
    /** Call-ID → the other party's AOR (To when our phone called, From when it was called). */
    private final Map<String, String> remoteAors = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_CALLS;
        }
    });
    /** Call-ID → the other party's bindings, looked up as the call starts: the fallback when a fresh lookup is slow. */
    private final Map<String, List<VerifiedBinding>> prefetched = new ConcurrentHashMap<>();
    private final Map<ClientTransaction, Pending> outstanding = new ConcurrentHashMap<>();

    /** One restart request forked to several contacts: the first 2xx wins, all failed fails it. */
    private static final class Pending {
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        int left;

        synchronized void failed(String why) {
            if (--left <= 0) result.completeExceptionally(new IllegalStateException("no node answered 2xx (last: " + why + ")"));
        }
    }

    /**
     * @param lookup   a fresh lookup, for a restart (the other party's binding may have just changed)
     * @param prefetch the lookup made as a call starts, for the fallback: the proxy's cached one
     *                 (the caller's node has just looked the callee up for the call itself)
     */
    IceRestartSignaling(NodeKeyPair node, SipMessages sip, Faces faces, Function<Aor, CompletableFuture<List<VerifiedBinding>>> lookup,
                        Function<Aor, CompletableFuture<List<VerifiedBinding>>> prefetch, MediaAnchor anchor, Executor timer) {
        this.node = node;
        this.sip = sip;
        this.faces = faces;
        this.lookup = lookup;
        this.prefetch = prefetch;
        this.anchor = anchor;
        this.timer = timer;
    }

    /** A message crossing from face {@code from} to {@code to}: an initial INVITE tells who the other party is. */
    void noteCall(Message m, Side from, Side to) {
        if (!(m instanceof Request r) || from == to || !r.getMethod().equals(Request.INVITE)) return;
        ToHeader toH = (ToHeader) r.getHeader(ToHeader.NAME);
        if (toH == null || toH.getTag() != null) return;
        String callId = ((javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
        String remote = from == Side.PHONE ? toH.getAddress().getURI().toString()
                : ((FromHeader) r.getHeader(FromHeader.NAME)).getAddress().getURI().toString();
        if (remoteAors.putIfAbsent(callId, remote) != null || anchor == MediaAnchor.NONE) return;
        byte[] offer = r.getRawContent();
        // No offer, no anchored media yet (a late offer still gets its restart, without this fallback):
        // an uncached DHT lookup per signalling-only call was nearly all of a caller node's overlay requests (issue #4 bench).
        if (offer == null || offer.length == 0) return;
        try { // the lookup a restart would need, done now: a dead super-node may slow the DHT then
            prefetch.apply(Aor.parse(remote)).orTimeout(LOOKUP_TIMEOUT_MS, TimeUnit.MILLISECONDS).thenAccept(found -> {
                if (remoteAors.containsKey(callId) && prefetched.size() < MAX_CALLS) prefetched.put(callId, found);
            });
        } catch (IllegalArgumentException notAnAor) {
            // no restart possible for this call
        }
    }

    /** The call ended: forget it. */
    void forget(String callId) {
        remoteAors.remove(callId);
        prefetched.remove(callId);
    }

    /** A node-face request that is ours to answer (not to forward). */
    static boolean handles(Request r) {
        ContentTypeHeader type = (ContentTypeHeader) r.getHeader(ContentTypeHeader.NAME);
        return r.getMethod().equals(Request.MESSAGE) && type != null
                && TYPE.equalsIgnoreCase(type.getContentType()) && SUBTYPE.equalsIgnoreCase(type.getContentSubType());
    }

    /** Terminates a restart request: the anchor's answer in a 200, or 481 / 403. */
    void onRequest(ServerTransaction st, Request r) throws Exception {
        byte[] body = r.getRawContent();
        Response response;
        try {
            Optional<byte[]> answer = anchor.restartOffered(body == null ? new byte[0] : body);
            if (answer.isEmpty()) {
                response = sip.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, r);
            } else {
                response = sip.response(Response.OK, r);
                response.setContent(answer.get(), sip.headers.createContentTypeHeader(TYPE, SUBTYPE));
            }
        } catch (MediaAnchor.Refused e) {
            log.info("ICE restart request refused: {}", e.getMessage());
            response = sip.response(Response.FORBIDDEN, r);
        }
        st.sendResponse(response);
    }

    /** {@link IceRestartSignal#send}: looks the other party up again and forks to every contact of its devices. */
    CompletableFuture<byte[]> send(String callId, byte[] body) {
        String remote = remoteAors.get(callId);
        if (remote == null) return CompletableFuture.failedFuture(new IllegalStateException("no other party known for call " + callId));
        Aor aor;
        try {
            aor = Aor.parse(remote);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<VerifiedBinding> known = prefetched.get(callId);
        CompletableFuture<List<VerifiedBinding>> fresh = lookup.apply(aor).thenApply(found -> found);
        fresh = known == null ? fresh.orTimeout(LOOKUP_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                : fresh.completeOnTimeout(known, FRESH_LOOKUP_MS, TimeUnit.MILLISECONDS); // the media gap matters more
        return fresh.thenComposeAsync(found -> fork(remote, found, body), timer);
    }

    private CompletableFuture<byte[]> fork(String remote, List<VerifiedBinding> found, byte[] body) {
        Pending pending = new Pending();
        List<Object[]> targets = new java.util.ArrayList<>(); // (binding, contact)
        for (VerifiedBinding b : found) {
            if (b.binding().device().equals(node.nodeId())) continue;
            for (BindingContact c : b.binding().contacts()) {
                if (c.transport() != sip.contactTransport()) continue; // TCP ones when our UDP is blocked
                if (c.isRendezvous() && c.rendezvous().equals(node.nodeId())) continue; // over our own flow: not done (docs/MEDIA.md)
                targets.add(new Object[] {b, c});
            }
        }
        if (targets.isEmpty()) return CompletableFuture.failedFuture(new IllegalStateException("no contact for " + remote));
        synchronized (pending) {
            pending.left = targets.size();
        }
        for (Object[] t : targets) {
            try {
                sendOne(remote, (VerifiedBinding) t[0], (BindingContact) t[1], body, pending);
            } catch (Exception e) {
                log.info("ICE restart request to {} not sent: {}", t[1], e.toString());
                pending.failed(e.toString());
            }
        }
        return pending.result;
    }

    private void sendOne(String remote, VerifiedBinding b, BindingContact c, byte[] body, Pending pending) throws Exception {
        javax.sip.address.URI target = sip.addresses.createURI(remote);
        SipURI fromUri = sip.addresses.createSipURI(node.nodeId().toHex(), FlowToken.DOMAIN);
        Request r = sip.messages.createRequest(target, Request.MESSAGE, faces.peer().getNewCallId(),
                sip.headers.createCSeqHeader(1L, Request.MESSAGE),
                sip.headers.createFromHeader(sip.addresses.createAddress(fromUri), Long.toHexString(ThreadLocalRandom.current().nextLong())),
                sip.headers.createToHeader(sip.addresses.createAddress(target), null),
                new java.util.ArrayList<>(), sip.headers.createMaxForwardsHeader(SipMessages.DEFAULT_MAX_FORWARDS));
        r.setContent(body, sip.headers.createContentTypeHeader(TYPE, SUBTYPE));
        if (c.isRendezvous()) { // through the super-node the device keeps a flow to (RFC 5626 §5.3 flow token)
            r.addFirst(sip.routeToFlow(FlowToken.of(b.binding().device()), c.address().getHostAddress(), c.port()));
        } else {
            r.addFirst(sip.routeTo(c.address().getHostAddress(), c.port()));
        }
        String transport = ListeningPoint.UDP;
        if (sip.tcpToNode(r)) { // RFC 3261 §18.1.1, or our UDP is blocked
            SipMessages.preferTcp(r);
            transport = ListeningPoint.TCP;
        }
        sip.pushVia(r, Side.PEER, transport);
        sip.sign(r, node, System.currentTimeMillis());
        ClientTransaction ct = faces.peer().getNewClientTransaction(r);
        outstanding.put(ct, pending);
        log.info("ICE restart request for {} to device {} via {}", remote, b.binding().device().shortHex(), c);
        ct.sendRequest();
    }

    /** True when {@code ct} was one of ours (then the response is consumed here). */
    boolean onResponse(ClientTransaction ct, Response response) {
        Pending pending = ct == null ? null : outstanding.get(ct);
        if (pending == null) return false;
        int status = response.getStatusCode();
        if (status < 200) return true;
        outstanding.remove(ct);
        if (status < 300) {
            byte[] body = response.getRawContent();
            pending.result.complete(body == null ? new byte[0] : body);
        } else {
            pending.failed(Integer.toString(status));
        }
        return true;
    }

    void onTimeout(ClientTransaction ct) {
        Pending pending = ct == null ? null : outstanding.remove(ct);
        if (pending != null) pending.failed("timeout");
    }
}
