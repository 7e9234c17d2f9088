package io.peerdial.node.sip.transport;

import gov.nist.javax.sip.stack.DefaultRouter;
import gov.nist.javax.sip.stack.HopImpl;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * JAIN-SIP's router ({@code javax.sip.ROUTER_PATH}) with one addition: a request can be pinned
 * to a flow. The super-node sends a request for a client behind NAT to the address its flow
 * registration came from (the NAT's mapping), whatever the Route or Request-URI say, so the next
 * hop cannot come from the message (RFC 5626 §5.3: the edge proxy forwards over the flow named
 * by the flow token). Requests are matched by the branch of the Via the proxy pushed, so the
 * stack's own CANCEL (same branch) follows the INVITE. Everything else: {@link DefaultRouter}.
 */
public final class FlowRouter extends DefaultRouter {

    private static final int MAX_PINNED = 20_000;

    private final Map<String, Hop> pinned = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Hop> eldest) {
            return size() > MAX_PINNED; // transactions end long before 20,000 newer ones
        }
    };

    /** Called by the stack (reflection, {@code javax.sip.ROUTER_PATH}). */
    public FlowRouter(SipStack stack, String outboundProxy) {
        super(stack, outboundProxy);
    }

    /** Requests whose top Via has {@code branch} go to {@code to} over {@code transport}. */
    void pin(String branch, InetSocketAddress to, String transport) {
        synchronized (pinned) {
            pinned.put(branch, new HopImpl(to.getAddress().getHostAddress(), to.getPort(), transport));
        }
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        if (via != null && via.getBranch() != null) {
            Hop hop;
            synchronized (pinned) {
                hop = pinned.get(via.getBranch());
            }
            if (hop != null) return hop;
        }
        return super.getNextHop(request);
    }
}
