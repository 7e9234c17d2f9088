package io.peerdial.node.sip.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
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
 * as 480: the device was unreachable). A branch that failed without an answer from the device
 * (timed out, not sent, or 408/480/503 before it rang: a dead or stale hop) is replaced by a branch
 * to the device's next contact when it has one (docs/SIP.md "Contact fallback"). Every method is
 * synchronized: responses arrive on the stack's threads. The final status is reported (onFinal)
 * before the response leaves, so whoever sees the response also sees it counted.
 */
final class ProxyCall {

    private static final Logger log = LoggerFactory.getLogger(ProxyCall.class);

    private final ServerTransaction server;
    private final SipProvider inbound;
    private final SipMessages sip;
    private final IntConsumer onFinal;
    private final Runnable onDone;
    private final Canceler canceler;
    private final Executor async;
    private final List<Branch> branches = new ArrayList<>();
    /** Fallback branches about to be sent: the call is not over while one is. */
    private int pendingFallbacks;
    private boolean finalSent;
    private boolean canceled;
    private boolean succeeded;
    private Response best;

    /** One forwarded copy. */
    static final class Branch {
        final ProxyCall call;
        final ClientTransaction client;
        boolean provisional;
        /** Any response, 100 included: the next hop is alive. */
        boolean answered;
        /** A provisional response above 100: the device itself was reached. */
        boolean rang;
        boolean done;
        boolean cancelWhenProvisional;
        /** Given up for silence and replaced by a fallback: only a late 2xx still counts. */
        boolean abandoned;
        /** Sends the same request to the device's next contact; null when there is none. */
        Retry retry;

        Branch(ProxyCall call, ClientTransaction client) {
            this.call = call;
            this.client = client;
        }
    }

    /** Sends a new branch to the next contact of the same device (run on the proxy's executor). */
    interface Retry {
        void send();
    }

    /** Sends a branch's CANCEL (signed when the branch went to another node). */
    interface Canceler {
        void send(ClientTransaction branch, Request cancel) throws Exception;
    }

    ProxyCall(ServerTransaction server, SipProvider inbound, SipMessages sip, Canceler canceler, Executor async, IntConsumer onFinal,
            Runnable onDone) {
        this.canceler = canceler;
        this.async = async;
        this.server = server;
        this.inbound = inbound;
        this.sip = sip;
        this.onFinal = onFinal;
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

    /** A new branch; {@code retry} (may be null) sends to the device's next contact if this one fails. */
    synchronized Branch add(ClientTransaction client, Retry retry) {
        Branch b = new Branch(this, client);
        b.retry = retry;
        branches.add(b);
        return b;
    }

    /** The caller may still get a new branch: no final answer went back and nobody CANCELed. */
    synchronized boolean open() {
        return !finalSent && !canceled;
    }

    /** A response on a branch, our Via already removed. */
    synchronized void onResponse(Branch b, Response r) {
        int status = r.getStatusCode();
        b.answered = true;
        if (b.abandoned && status < 300 && status >= 200) {
            b.abandoned = false; // a late 2xx from the hop we gave up on still wins (RFC 3261 §16.7 step 5)
        } else if (b.abandoned) {
            if (status < 200 && b.cancelWhenProvisional) {
                b.provisional = true;
                cancel(b);
            }
            return;
        }
        if (status < 200) {
            b.provisional = true;
            if (status > 100) b.rang = true;
            if (b.cancelWhenProvisional) cancel(b);
            if (status > 100 && !finalSent) send(r);
            return;
        }
        if (!b.done && !b.rang && (status == 408 || status == 480 || status == 503) && fallBack(b)) {
            b.done = true; // a dead rendezvous (503), a stale flow (480) or a timeout: the next contact decides
            return;
        }
        b.done = true;
        if (status < 300) {
            succeeded = true;
            if (!finalSent) {
                decide(status);
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
        if (fallBack(b)) return;
        finishIfDone();
    }

    /**
     * Nothing at all came back on {@code b} (not even 100 Trying, which a live node sends at once):
     * when the device has another contact, give this hop up and try that one; a late provisional
     * response on this branch then gets a CANCEL.
     */
    synchronized void onSilence(Branch b) {
        if (b.done || b.answered || b.retry == null || !open()) return;
        b.done = true;
        b.abandoned = true;
        b.cancelWhenProvisional = true;
        if (!fallBack(b)) finishIfDone();
    }

    /** Hands {@code b}'s retry to the executor; false when there is none or the call is decided. */
    private boolean fallBack(Branch b) {
        Retry next = b.retry;
        b.retry = null;
        if (next == null || finalSent || canceled || succeeded) return false;
        pendingFallbacks++;
        async.execute(() -> {
            try {
                next.send();
            } finally {
                synchronized (ProxyCall.this) {
                    pendingFallbacks--;
                    finishIfDone();
                }
            }
        });
        return true;
    }

    /** The caller CANCELed (RFC 3261 §16.10): cancel every pending branch and answer 487. */
    synchronized void cancelAll() {
        canceled = true;
        branches.stream().filter(x -> !x.done).forEach(this::cancel);
        if (!finalSent) {
            decide(Response.REQUEST_TERMINATED);
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
        decide(status);
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
        if (pendingFallbacks > 0 || branches.stream().anyMatch(x -> !x.done)) return;
        if (!finalSent) {
            decide(best != null ? best.getStatusCode() : Response.TEMPORARILY_UNAVAILABLE);
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

    /** The one final status of this call, reported before its response is sent. */
    private void decide(int status) {
        finalSent = true;
        onFinal.accept(status);
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
