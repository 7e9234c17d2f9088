package io.peerdial.p2p.transport;

import io.peerdial.node.phone.UaStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP user agent of a P2P endpoint (JAIN-SIP RI, UDP on loopback, dialogs kept by the stack). It is
 * attached to the embedded node's phone face exactly like a softphone: REGISTER publishes the signed binding
 * of its AOR, INVITEs go out through the node (preloaded Route, RFC 3261 §8.1.2), which looks the callee up
 * and reaches its node directly or through its rendezvous. Events are handed to {@code executor}: the stack's
 * threads never block on the endpoint.
 */
public final class SignalingUa implements SipListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SignalingUa.class);

    /** What the UA tells the endpoint. */
    public interface Handler {
        /** An initial INVITE for us; answer or reject it. */
        void onInvite(Incoming invite);

        /** The far side ended session {@code callId} (BYE or CANCEL). */
        void onEnded(String callId);
    }

    /** The final answer to an INVITE: a status, and the body of a 2xx. */
    public record Answer(int status, String reason, byte[] body) {
    }

    /** An INVITE in progress. */
    public record Outgoing(String callId, CompletableFuture<Answer> answer) {
    }

    /** An incoming INVITE waiting for our answer. */
    public final class Incoming {
        private final Request request;
        private final ServerTransaction transaction;
        private final String tag = Long.toHexString(ThreadLocalRandom.current().nextLong());

        Incoming(Request request, ServerTransaction transaction) {
            this.request = request;
            this.transaction = transaction;
        }

        public String callId() {
            return SignalingUa.callId(request);
        }

        public String from() {
            return ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI().toString();
        }

        public String to() {
            return ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI().toString();
        }

        public byte[] body() {
            return request.getRawContent();
        }

        /** 200 OK with our description. */
        public void accept(byte[] sdp) throws Exception {
            Response ok = ua.response(Response.OK, request, tag, true);
            ua.setSdp(ok, sdp);
            dialogs.put(callId(), transaction.getDialog());
            transaction.sendResponse(ok);
        }

        /** A final error response, e.g. 488 or 403. */
        public void reject(int status) {
            try {
                transaction.sendResponse(ua.response(status, request, tag, false));
            } catch (Exception e) {
                log.debug("rejection {} not sent: {}", status, e.toString());
            }
        }
    }

    private final UaStack ua;
    private final SipProvider provider;
    private final String aor;
    private final Handler handler;
    private final Executor executor;
    private final Map<String, CompletableFuture<Answer>> pending = new ConcurrentHashMap<>();
    private final Map<String, ClientTransaction> invites = new ConcurrentHashMap<>();
    private final Map<String, Dialog> dialogs = new ConcurrentHashMap<>();

    private SignalingUa(UaStack ua, String aor, Handler handler, Executor executor) {
        this.ua = ua;
        this.provider = ua.provider();
        this.aor = aor;
        this.handler = handler;
        this.executor = executor;
    }

    /** Starts the stack on a free UDP port of {@code local}; {@code proxy} is the node's phone face. */
    public static SignalingUa start(String aor, InetAddress local, InetSocketAddress proxy, Handler handler, Executor executor)
            throws IOException {
        UaStack ua = UaStack.start("peerdial-p2p", "the P2P SIP user agent", aor, local, proxy);
        SignalingUa signaling = new SignalingUa(ua, aor, handler, executor);
        try {
            ua.provider().addSipListener(signaling);
        } catch (java.util.TooManyListenersException e) {
            ua.stop();
            throw new IOException("cannot start the P2P SIP user agent: " + e.getMessage(), e);
        }
        return signaling;
    }

    /** REGISTERs our AOR at the node (which publishes the signed binding); completes with the final status. */
    public CompletableFuture<Integer> register(int expiresSeconds) {
        try {
            Request r = ua.register(expiresSeconds);
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            pending.put(callId(r), answer);
            provider.getNewClientTransaction(r).sendRequest();
            return answer.thenApply(Answer::status);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends an INVITE to {@code target} whose body {@code sdp} makes from the new Call-ID. */
    public Outgoing invite(String target, Function<String, byte[]> sdp) throws Exception {
        Request r = ua.invite(target);
        String callId = callId(r);
        ua.setSdp(r, sdp.apply(callId));
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        pending.put(callId, answer);
        ClientTransaction ct = provider.getNewClientTransaction(r);
        invites.put(callId, ct);
        ct.sendRequest();
        return new Outgoing(callId, answer);
    }

    /** Ends session {@code callId}: BYE once established, else CANCEL (best effort). */
    public void end(String callId) {
        Dialog dialog = dialogs.remove(callId);
        ClientTransaction invite = invites.remove(callId);
        try {
            if (dialog != null) {
                dialog.sendRequest(provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
            } else if (invite != null) {
                provider.getNewClientTransaction(invite.createCancel()).sendRequest();
            }
        } catch (Exception e) {
            log.debug("ending {}: {}", callId, e.toString());
        }
    }

    public String aor() {
        return aor;
    }

    // ---- SIP events (stack threads) ----

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        if (request.getMethod().equals(Request.ACK)) {
            return;
        }
        ServerTransaction st = event.getServerTransaction();
        try {
            if (st == null) {
                st = provider.getNewServerTransaction(request);
            }
        } catch (Exception retransmissionOrBroken) {
            return;
        }
        ServerTransaction tx = st;
        executor.execute(() -> onRequest(request, tx));
    }

    private void onRequest(Request request, ServerTransaction st) {
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        String callId = callId(request);
        try {
            switch (request.getMethod()) {
                case Request.INVITE -> {
                    if (inDialog) {
                        st.sendResponse(ua.response(Response.NOT_ACCEPTABLE_HERE, request, null, false)); // no re-offers
                    } else {
                        handler.onInvite(new Incoming(request, st));
                    }
                }
                case Request.BYE, Request.CANCEL -> {
                    st.sendResponse(ua.response(Response.OK, request, null, false));
                    dialogs.remove(callId);
                    handler.onEnded(callId);
                }
                case Request.OPTIONS -> st.sendResponse(ua.response(Response.OK, request, null, false));
                default -> st.sendResponse(ua.response(Response.METHOD_NOT_ALLOWED, request, null, false));
            }
        } catch (Exception e) {
            log.debug("{} not handled: {}", request.getMethod(), e.toString());
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        CSeqHeader cseqHeader = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        String callId = callId(response);
        if (status < 200) {
            return;
        }
        if (cseqHeader.getMethod().equals(Request.INVITE) && status < 300) {
            Dialog dialog = event.getDialog();
            try {
                dialog.sendAck(dialog.createAck(cseqHeader.getSeqNumber())); // RFC 3261 §13.2.2.4, retransmissions too
            } catch (Exception e) {
                log.debug("ACK not sent: {}", e.toString());
            }
            if (pending.containsKey(callId)) {
                dialogs.put(callId, dialog);
            }
        }
        if (!cseqHeader.getMethod().equals(Request.INVITE) && !cseqHeader.getMethod().equals(Request.REGISTER)) {
            return;
        }
        invites.remove(callId);
        CompletableFuture<Answer> f = pending.remove(callId);
        if (f != null) {
            executor.execute(() -> f.complete(new Answer(status, response.getReasonPhrase(), response.getRawContent())));
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        String callId = callId(event.getClientTransaction().getRequest());
        invites.remove(callId);
        CompletableFuture<Answer> f = pending.remove(callId);
        if (f != null) {
            executor.execute(() -> f.complete(new Answer(Response.REQUEST_TIMEOUT, "no answer", null)));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.debug("SIP IO error towards {}:{}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    /** Stops the stack; pending requests complete with 503. */
    @Override
    public void close() {
        for (String id : List.copyOf(pending.keySet())) {
            CompletableFuture<Answer> f = pending.remove(id);
            if (f != null) {
                f.complete(new Answer(Response.SERVICE_UNAVAILABLE, "endpoint closed", null));
            }
        }
        ua.stop();
    }

    // ---- messages ----

    static String callId(Message m) {
        return UaStack.callId(m);
    }
}
