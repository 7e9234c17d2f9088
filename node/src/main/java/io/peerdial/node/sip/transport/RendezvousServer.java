package io.peerdial.node.sip.transport;

import gov.nist.javax.sip.message.SIPMessage;
import io.peerdial.node.sip.NodeSignature;
import io.peerdial.node.sip.rendezvous.FlowClient;
import io.peerdial.node.sip.rendezvous.FlowTable;
import io.peerdial.node.sip.rendezvous.FlowToken;
import io.peerdial.node.sip.rendezvous.RendezvousException;
import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.Optional;
import javax.sip.ListeningPoint;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node as a rendezvous (docs/SIP.md "Rendezvous"): accepts signed flow registrations of
 * client nodes on the node face into a {@link FlowTable}, and tells the proxy which requests go
 * over which flow (a Route of ours whose user part is a client's flow token, RFC 5626 §5.3).
 */
final class RendezvousServer {

    private static final Logger log = LoggerFactory.getLogger(RendezvousServer.class);

    private final SipMessages sip;
    /** null when this node is no rendezvous ({@code maxFlows} 0); guarded by itself. */
    private final FlowTable flows;

    RendezvousServer(SipMessages sip, int maxFlows) {
        this.sip = sip;
        this.flows = maxFlows > 0 ? new FlowTable(maxFlows) : null;
    }

    /**
     * A signed flow registration (a REGISTER on the node face, RFC 5626 §5.2): the flow is the
     * address and transport it came from, recorded only for the node that signed it.
     */
    void onRegister(ServerTransaction st, Request request, NodeSignature.Claim claim) throws Exception {
        if (flows == null) {
            st.sendResponse(sip.response(Response.FORBIDDEN, request));
            return;
        }
        SIPMessage m = (SIPMessage) request;
        // The packet's source, not the Via's sent-by (getRemotePort): behind a symmetric NAT they differ.
        InetSocketAddress source = m.getPeerPacketSourceAddress() != null && m.getPeerPacketSourcePort() > 0
                ? new InetSocketAddress(m.getPeerPacketSourceAddress(), m.getPeerPacketSourcePort())
                : new InetSocketAddress(m.getRemoteAddress(), m.getRemotePort());
        String via = ((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport();
        FlowTable.Transport transport = ListeningPoint.TCP.equalsIgnoreCase(via) ? FlowTable.Transport.TCP : FlowTable.Transport.UDP;
        javax.sip.address.URI to = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
        String user = to instanceof SipURI u ? u.getUser() : null;
        ExpiresHeader expires = request.getExpires();
        long lifetimeMs = expires == null ? FlowClient.Settings.DEFAULT.lifetimeMs() : expires.getExpires() * 1000L;
        long now = System.currentTimeMillis();
        Optional<FlowTable.Flow> flow;
        try {
            synchronized (flows) {
                flow = flows.register(claim.nodeId(), user, source, transport, lifetimeMs, now);
            }
        } catch (RendezvousException e) {
            log.info("flow registration from {} at {} refused: {}", claim.nodeId().shortHex(), source, e.getMessage());
            int status = e.reason() == RendezvousException.Reason.FULL ? Response.SERVICE_UNAVAILABLE : Response.FORBIDDEN;
            st.sendResponse(sip.response(status, request));
            return;
        }
        Response ok = sip.response(Response.OK, request);
        long granted = flow.map(f -> (f.expiresAt() - now + 999) / 1000).orElse(0L);
        ok.setHeader(sip.headers.createExpiresHeader((int) Math.max(0, granted)));
        if (log.isDebugEnabled()) log.debug("flow of {} via {} {} for {} s", claim.nodeId().shortHex(), transport, source, granted);
        st.sendResponse(ok);
    }

    /**
     * The flow a request must go on: a Route of ours names a client with a live flow here, and the
     * request does not come from that client ({@code claim} null: from a phone of this node); else null.
     */
    FlowTable.Flow target(Request r, NodeSignature.Claim claim) {
        NodeId client = named(r);
        if (client == null || claim != null && client.equals(claim.nodeId())) return null;
        return flowOf(client);
    }

    /** Whether a Route of ours names a client flow (live or not) of another node than the signer. */
    boolean names(Request r, NodeSignature.Claim claim) {
        NodeId client = named(r);
        return client != null && (claim == null || !client.equals(claim.nodeId()));
    }

    /** The live flow of {@code client} here, or null. */
    FlowTable.Flow flowOf(NodeId client) {
        if (flows == null) return null;
        synchronized (flows) {
            return flows.find(client, System.currentTimeMillis()).orElse(null);
        }
    }

    int size() {
        if (flows == null) return 0;
        synchronized (flows) {
            return flows.expire(System.currentTimeMillis());
        }
    }

    private NodeId named(Request r) {
        return flows == null ? null : FlowToken.parse(sip.flowUserInOurRoutes(r));
    }
}
