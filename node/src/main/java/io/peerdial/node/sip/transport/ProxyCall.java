package io.peerdial.node.sip.transport;

import java.util.ArrayList;
import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied request and its branches (RFC 3261 §16.7): provisional responses go back as they
 * come, the first 2xx wins and the other branches are CANCELed, and when every branch has a final
 * answer without a 2xx the best one goes back (a branch that timed out or could not be sent counts
 * as 480: the device was unreachable). Every method is synchronized: responses arrive on the
 * stack's threads.
 */
final class ProxyCall {

    private static final Logger log = LoggerFactory.getLogger(ProxyCall.class);

    private final ServerTransaction server;
    private final SipProvider inbound;
    private final SipMessages sip;
    private final Runnable onDone;
    private final Canceler canceler;
    private final List<Branch> branches = new ArrayList<>();
    private boolean finalSent;
    private boolean canceled;
    private boolean succeeded;
    private Response best;

    /** One forwarded copy. */
    static final class Branch {
        final ProxyCall call;
        final ClientTransaction client;
        boolean provisional;
        boolean done;
        boolean cancelWhenProvisional;

        Branch(ProxyCall call, ClientTransaction client) {
            this.call = call;
            this.client = client;
        }
    }

    /** Sends a branch's CANCEL (signed when the branch went to another node). */
    interface Canceler {
        void send(ClientTransaction branch, Request cancel) throws Exception;
    }

    ProxyCall(ServerTransaction server, SipProvider inbound, SipMessages sip, Canceler canceler, Runnable onDone) {
        this.canceler = canceler;
        this.server = server;
        this.inbound = inbound;
        this.sip = sip;
        this.onDone = onDone;
    }

    ServerTransaction server() {
        return server;
    }

    /** The face the request came in through (where responses go back). */
    SipProvider inbound() {
        return inbound;
    }

    /** A 2xx went back to the caller. */
    synchronized boolean succeeded() {
        return succeeded;
    }

    synchronized Branch add(ClientTransaction client) {
        Branch b = new Branch(this, client);
        branches.add(b);
        return b;
    }

    /** A response on a branch, our Via already removed. */
    synchronized void onResponse(Branch b, Response r) {
        int status = r.getStatusCode();
        if (status < 200) {
            b.provisional = true;
            if (b.cancelWhenProvisional) cancel(b);
            if (status > 100 && !finalSent) send(r);
            return;
        }
        b.done = true;
        if (status < 300) {
            succeeded = true;
            if (!finalSent) {
                finalSent = true;
                send(r);
            } else {
                forwardStateless(r); // RFC 3261 §16.7 step 5: every 2xx of a fork goes back
            }
            branches.stream().filter(x -> x != b && !x.done).forEach(this::cancel);
        } else {
            if (status >= 600) branches.stream().filter(x -> x != b && !x.done).forEach(this::cancel);
            if (best == null || rank(status) < rank(best.getStatusCode())) best = r;
        }
        finishIfDone();
    }

    /** A branch timed out or could not be sent: the device was unreachable. */
    synchronized void onFailure(Branch b) {
        if (b.done) return;
        b.done = true;
        finishIfDone();
    }

    /** The caller CANCELed (RFC 3261 §16.10): cancel every pending branch and answer 487. */
    synchronized void cancelAll() {
        canceled = true;
        branches.stream().filter(x -> !x.done).forEach(this::cancel);
        if (!finalSent) {
            finalSent = true;
            try {
                server.sendResponse(sip.response(Response.REQUEST_TERMINATED, server.getRequest()));
            } catch (Exception e) {
                log.debug("487 not sent: {}", e.toString());
            }
        }
        finishIfDone();
    }

    /** Answers the caller now (no branch could be made, or the lookup failed). */
    synchronized void answer(int status) {
        if (finalSent) return;
        finalSent = true;
        try {
            server.sendResponse(sip.response(status, server.getRequest()));
        } catch (Exception e) {
            log.debug("{} not sent: {}", status, e.toString());
        }
        onDone.run();
    }

    synchronized boolean isCanceled() {
        return canceled;
    }

    private void finishIfDone() {
        if (branches.stream().anyMatch(x -> !x.done)) return;
        if (!finalSent) {
            finalSent = true;
            if (best != null) {
                send(best);
            } else {
                try {
                    server.sendResponse(sip.response(Response.TEMPORARILY_UNAVAILABLE, server.getRequest()));
                } catch (Exception e) {
                    log.debug("480 not sent: {}", e.toString());
                }
            }
        }
        onDone.run();
    }

    private void cancel(Branch b) {
        if (!Request.INVITE.equals(server.getRequest().getMethod())) return;
        if (!b.provisional) { // RFC 3261 §9.1: no CANCEL before a provisional response
            b.cancelWhenProvisional = true;
            return;
        }
        try {
            canceler.send(b.client, b.client.createCancel());
        } catch (Exception e) {
            log.debug("CANCEL not sent: {}", e.toString());
        }
    }

    private void send(Response r) {
        try {
            server.sendResponse(r);
        } catch (Exception e) {
            log.debug("response {} not sent: {}", r.getStatusCode(), e.toString());
        }
    }

    private void forwardStateless(Response r) {
        try {
            inbound.sendResponse(r);
        } catch (SipException e) {
            log.debug("extra 2xx not forwarded: {}", e.toString());
        }
    }

    /** RFC 3261 §16.7 step 6: 6xx over others, then the lowest class; 408/503 last among 4xx/5xx. */
    private static int rank(int status) {
        if (status >= 600) return 0;
        if (status == 408 || status == 503 || status == 480) return 900 + status / 100;
        return status;
    }
}
