package io.peerdial.node.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * Takes responses that belong to no client transaction away from JAIN-SIP's search. For a response
 * whose transaction is gone — mostly a UAS repeating its 2xx until the ACK arrives (RFC 3261
 * §13.3.1.4), which a proxy forwards statelessly (§16.7 step 5, §16.11) — the RI's
 * {@code newSIPServerResponse} walks its whole client transaction table calling
 * {@code isMessagePartOfTransaction} on each (lower-casing branch ids), before it hands the
 * response over without a transaction. At a few hundred calls per second the table holds
 * thousands of transactions, a profile of a super-node showed a quarter of its CPU there, and
 * every late ACK made the next ones later. A response with an RFC 3261 branch (magic cookie) can
 * only match a transaction by its key, so when the key finds none, this valve gives the response
 * to the SIP service's stateless path at once and the stack skips the search. Responses with
 * RFC 2543 branches take the stack's own path.
 *
 * <p>Named in the stack's {@code gov.nist.javax.sip.SIP_MESSAGE_VALVE} property; the RI builds it by
 * class name, so the SIP service of each stack registers itself with {@link #attach}.
 */
public final class StrayResponseValve implements SIPMessageValve {

    /** Where a stack's stray responses go: the response and the local port it arrived on. */
    @FunctionalInterface
    interface Handler {
        void stray(Response response, int localPort);
    }

    private static final String MAGIC_COOKIE = "z9hg4bk"; // RFC 3261 §8.1.1.7, as the RI's lower-cased ids have it
    private static final Map<SipStack, Handler> HANDLERS = new ConcurrentHashMap<>();

    private SipStack sipStack;
    private SIPTransactionStack stack;

    static void attach(SipStack stack, Handler handler) {
        HANDLERS.put(stack, handler);
    }

    static void detach(SipStack stack) {
        HANDLERS.remove(stack);
    }

    @Override
    public void init(SipStack sipStack) {
        this.sipStack = sipStack;
        this.stack = (SIPTransactionStack) sipStack;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        return true;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        if (!(response instanceof SIPResponse r) || stack == null) return true;
        String key = r.getTransactionId();
        if (key == null || !key.startsWith(MAGIC_COOKIE)) return true;
        if (stack.findTransaction(key, false) != null) return true; // the usual case: the stack's own path
        Handler handler = HANDLERS.get(sipStack);
        if (handler == null || channel.getMessageProcessor() == null) return true;
        handler.stray(r, channel.getMessageProcessor().getPort());
        return false;
    }

    @Override
    public void destroy() {
        if (sipStack != null) detach(sipStack);
    }
}
