package io.peerdial.node.phone;

import io.peerdial.node.media.sdp.LocalMedia;
import io.peerdial.node.media.sdp.MediaDirection;
import io.peerdial.node.media.sdp.Negotiated;
import io.peerdial.node.media.sdp.OfferAnswer;
import io.peerdial.node.media.sdp.SdpException;
import io.peerdial.node.media.sdp.SdpParser;
import io.peerdial.node.media.sdp.SdpWriter;
import io.peerdial.node.media.sdp.SessionDescription;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The softphone's SIP user agent (RFC 3261 UAC and UAS on JAIN-SIP RI, dialogs kept by the stack).
 * Every SIP event and every API call runs on one event-loop thread, so call state needs no locks;
 * API methods return futures completed on that thread. One-line {@link PhoneEvent}s go to the
 * listener given to {@link #start}, also on that thread.
 */
public final class PhoneUA implements SipListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PhoneUA.class);

    /**
     * @param aor          the address of record, e.g. {@code sip:alice@example.org}
     * @param proxy        the node's phone face: registrar and outbound proxy
     * @param localAddress where SIP and media bind (loopback for a local node)
     * @param autoAnswer   answer incoming calls right after ringing
     * @param media        what each call's media plays and records
     */
    public record Settings(String aor, InetSocketAddress proxy, InetAddress localAddress, boolean autoAnswer, MediaOptions media) {
        public Settings {
            Objects.requireNonNull(aor, "aor");
            Objects.requireNonNull(proxy, "proxy");
            Objects.requireNonNull(localAddress, "localAddress");
            Objects.requireNonNull(media, "media");
            if (!aor.startsWith("sip:") || aor.indexOf('@') < 5) throw new IllegalArgumentException("not a sip: AOR with a user: " + aor);
        }
    }

    private final Settings settings;
    private final MediaEngine engine;
    private final Consumer<PhoneEvent> listener;
    private final UaStack sip;
    private final ScheduledExecutorService loop;
    private final SecureRandom random = new SecureRandom(); // SDP session ids and tags: unguessable
    private final Map<String, PhoneCall> bySipCallId = new ConcurrentHashMap<>();
    private final List<PhoneCall> calls = new ArrayList<>();
    private final Map<String, CompletableFuture<Integer>> registrations = new ConcurrentHashMap<>();
    private int nextId = 1;

    private PhoneUA(Settings settings, MediaEngine engine, Consumer<PhoneEvent> listener, UaStack sip) {
        this.settings = settings;
        this.engine = engine;
        this.listener = listener;
        this.sip = sip;
        java.util.concurrent.ScheduledThreadPoolExecutor executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "peerdial-phone");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // no registration refresh after close
        this.loop = executor;
    }

    /** Starts the SIP stack on a free port of {@code settings.localAddress()}. */
    public static PhoneUA start(Settings settings, MediaEngine engine, Consumer<PhoneEvent> listener) throws IOException {
        UaStack stack = UaStack.start(settings.aor(), settings.localAddress(), settings.proxy());
        PhoneUA ua = new PhoneUA(settings, engine, listener, stack);
        try {
            stack.provider.addSipListener(ua);
        } catch (java.util.TooManyListenersException e) {
            stack.stop();
            throw new IllegalStateException("a fresh provider already has a listener", e);
        }
        return ua;
    }

    public String aor() {
        return settings.aor();
    }

    /** Our SIP contact (where the node sends our calls). */
    public String contact() {
        return sip.contactUri();
    }

    // ---- API ----

    /** REGISTERs at the node; completes with the final status (refreshed at half the granted time while 2xx). */
    public CompletableFuture<Integer> register(int expiresSeconds) {
        return onLoop(() -> {
            Request r = sip.register(expiresSeconds);
            CompletableFuture<Integer> done = new CompletableFuture<>();
            registrations.put(UaStack.callId(r), done);
            sip.provider.getNewClientTransaction(r).sendRequest();
            return done;
        }).thenCompose(f -> f).thenApply(status -> {
            if (status / 100 == 2 && expiresSeconds > 0) {
                loop.schedule(() -> register(expiresSeconds), Math.max(1, expiresSeconds / 2), TimeUnit.SECONDS);
            }
            return status;
        });
    }

    /** Places a call; completes with the call's id once the INVITE is sent. */
    public CompletableFuture<Integer> call(String target) {
        return onLoop(() -> {
            Request invite = sip.invite(target);
            PhoneCall call = newCall(true, target, UaStack.callId(invite));
            call.media = engine.open(settings.localAddress(), settings.media());
            call.pendingOffer = OfferAnswer.offer("-", sessionId(), 0, local(call, MediaDirection.SENDRECV));
            call.localSdp = call.pendingOffer;
            sip.setSdp(invite, SdpWriter.write(call.pendingOffer));
            ClientTransaction ct = sip.provider.getNewClientTransaction(invite);
            call.invite = ct;
            call.dialog = ct.getDialog();
            call.state = CallState.CALLING;
            ct.sendRequest();
            emit(PhoneEvent.state(call.id, CallState.CALLING, target, 0, ""));
            return call.id;
        });
    }

    /** Answers a ringing incoming call (200 OK with our SDP answer). */
    public CompletableFuture<Void> answer(int id) {
        return onLoop(() -> {
            answerNow(ringingIncoming(id));
            return null;
        });
    }

    /** Rejects a ringing incoming call with {@code status} (486 Busy Here, 603 Decline). */
    public CompletableFuture<Void> reject(int id, int status) {
        if (status < 300 || status > 699) throw new IllegalArgumentException("a rejection is 3xx-6xx, got " + status);
        return onLoop(() -> {
            PhoneCall call = ringingIncoming(id);
            call.incoming.sendResponse(sip.response(status, call.incoming.getRequest(), call.localTag, false));
            end(call, status, "rejected");
            return null;
        });
    }

    /** Ends a call: CANCEL while an outgoing call rings, 603 for a ringing incoming one, BYE once established. */
    public CompletableFuture<Void> hangup(int id) {
        return onLoop(() -> {
            PhoneCall call = find(id);
            if (call.state == CallState.ENDED) throw new IllegalStateException("call " + id + " has ended");
            if (call.isUp()) {
                sendInDialog(call, Request.BYE, null);
                end(call, 0, "hung up");
            } else if (call.outgoing) {
                call.canceled = true; // RFC 3261 §9.1: the 487 that follows ends the call
                sip.provider.getNewClientTransaction(call.invite.createCancel()).sendRequest();
            } else {
                call.incoming.sendResponse(sip.response(Response.DECLINE, call.incoming.getRequest(), call.localTag, false));
                end(call, Response.DECLINE, "declined");
            }
            return null;
        });
    }

    /** RFC 3264 §8.4: puts an established call on hold with a re-INVITE carrying a=sendonly. */
    public CompletableFuture<Void> hold(int id) {
        return reinvite(id, true);
    }

    /** Takes a held call off hold with a re-INVITE carrying a=sendrecv. */
    public CompletableFuture<Void> resume(int id) {
        return reinvite(id, false);
    }

    public CompletableFuture<Boolean> sendDtmf(int id, String digits) {
        return onLoop(() -> {
            PhoneCall call = find(id);
            if (!call.isUp()) throw new IllegalStateException("call " + id + " is not established");
            return call.media.sendDtmf(digits);
        });
    }

    /** Every call so far, oldest first. */
    public CompletableFuture<List<CallInfo>> calls() {
        return onLoop(() -> calls.stream().map(PhoneCall::info).toList());
    }

    public String mediaName() {
        return engine.describe();
    }

    // ---- internals on the loop ----

    private CompletableFuture<Void> reinvite(int id, boolean hold) {
        return onLoop(() -> {
            PhoneCall call = find(id);
            if (!call.isUp()) throw new IllegalStateException("call " + id + " is not established");
            if (call.pendingOffer != null) throw new IllegalStateException("call " + id + ": an offer is already in progress");
            call.localHold = hold;
            call.pendingOffer = OfferAnswer.reoffer(call.localSdp, local(call, hold ? MediaDirection.SENDONLY : MediaDirection.SENDRECV));
            call.localSdp = call.pendingOffer;
            sendInDialog(call, Request.INVITE, SdpWriter.write(call.pendingOffer));
            return null;
        });
    }

    private void sendInDialog(PhoneCall call, String method, String sdp) throws Exception {
        Request r = call.dialog.createRequest(method);
        if (sdp != null) {
            r.addHeader(sip.contact());
            sip.setSdp(r, sdp);
        }
        call.dialog.sendRequest(sip.provider.getNewClientTransaction(r));
    }

    private void answerNow(PhoneCall call) throws Exception {
        OfferAnswer.Answer a = OfferAnswer.answer(call.remoteOffer, local(call, MediaDirection.SENDRECV), null, "-", sessionId());
        if (a.audio().isEmpty()) {
            call.incoming.sendResponse(sip.response(Response.NOT_ACCEPTABLE_HERE, call.incoming.getRequest(), call.localTag, false));
            end(call, Response.NOT_ACCEPTABLE_HERE, "no common codec");
            return;
        }
        call.localSdp = a.sdp();
        Response ok = sip.response(Response.OK, call.incoming.getRequest(), call.localTag, true);
        sip.setSdp(ok, SdpWriter.write(a.sdp()));
        call.incoming.sendResponse(ok);
        started(call, a.audio().get(), 0);
    }

    private void started(PhoneCall call, Negotiated agreed, int status) {
        call.remoteHold = agreed.remoteHold();
        call.media.start(agreed);
        CallState next = call.upState();
        if (next != call.state) {
            call.state = next;
            String why = next == CallState.HELD ? (call.localHold ? "by us" : "by the far side") : "";
            emit(PhoneEvent.state(call.id, next, call.peer, status, why));
        }
    }

    private LocalMedia local(PhoneCall call, MediaDirection direction) {
        return new LocalMedia(settings.localAddress().getHostAddress(), call.media.localPort(), LocalMedia.DEFAULT_CODECS,
                direction, 0, call.media.sdpAttributes());
    }

    private PhoneCall ringingIncoming(int id) {
        PhoneCall call = find(id);
        if (call.outgoing || call.state != CallState.RINGING) throw new IllegalStateException("call " + id + " is not ringing here");
        return call;
    }

    private PhoneCall find(int id) {
        return calls.stream().filter(c -> c.id == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no call " + id));
    }

    private PhoneCall newCall(boolean outgoing, String peer, String sipCallId) {
        PhoneCall call = new PhoneCall(nextId++, outgoing, peer, sipCallId);
        calls.add(call);
        bySipCallId.put(sipCallId, call);
        return call;
    }

    private void end(PhoneCall call, int status, String reason) {
        if (call.state == CallState.ENDED) return;
        call.state = CallState.ENDED;
        call.finalStatus = status;
        if (call.media != null) call.media.close();
        emit(PhoneEvent.state(call.id, CallState.ENDED, call.peer, status, reason));
    }

    private void emit(PhoneEvent e) {
        log.debug("{}", e);
        try {
            listener.accept(e);
        } catch (RuntimeException ex) {
            log.warn("event listener failed on '{}': {}", e, ex.toString());
        }
    }

    private long sessionId() {
        return random.nextLong() & 0x7fff_ffff_ffffL;
    }

    private <T> CompletableFuture<T> onLoop(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    private void onLoopQuietly(String what, Callable<?> task) {
        loop.execute(() -> {
            try {
                task.call();
            } catch (Exception e) {
                log.warn("{} failed: {}", what, e.toString(), e);
            }
        });
    }

    // ---- SIP events (stack threads → loop) ----

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        if (request.getMethod().equals(Request.ACK)) return; // the 2xx was our answer; nothing waits for the ACK
        ServerTransaction st = event.getServerTransaction();
        try {
            if (st == null) st = sip.provider.getNewServerTransaction(request);
        } catch (Exception retransmissionOrBroken) {
            return;
        }
        ServerTransaction tx = st;
        onLoopQuietly(request.getMethod(), () -> {
            onRequest(request, tx);
            return null;
        });
    }

    private void onRequest(Request request, ServerTransaction st) throws Exception {
        PhoneCall call = bySipCallId.get(UaStack.callId(request));
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        switch (request.getMethod()) {
            case Request.INVITE -> {
                if (inDialog && call != null) onReinvite(call, request, st); else if (!inDialog) onInvite(request, st);
                else st.sendResponse(sip.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request, null, false));
            }
            case Request.BYE -> {
                st.sendResponse(sip.response(Response.OK, request, null, false));
                if (call != null) end(call, 0, "far side hung up");
            }
            case Request.CANCEL -> {
                st.sendResponse(sip.response(Response.OK, request, null, false));
                if (call != null && call.state == CallState.RINGING && !call.outgoing) { // RFC 3261 §9.2
                    call.incoming.sendResponse(sip.response(Response.REQUEST_TERMINATED, call.incoming.getRequest(), call.localTag, false));
                    end(call, Response.REQUEST_TERMINATED, "canceled by the caller");
                }
            }
            case Request.OPTIONS -> st.sendResponse(sip.response(Response.OK, request, null, false));
            default -> st.sendResponse(sip.response(Response.METHOD_NOT_ALLOWED, request, null, false));
        }
    }

    private void onInvite(Request request, ServerTransaction st) throws Exception {
        String from = UaStack.fromUri(request);
        PhoneCall call = newCall(false, from, UaStack.callId(request));
        call.incoming = st;
        call.localTag = Long.toHexString(random.nextLong());
        call.dialog = st.getDialog();
        Optional<SessionDescription> offer = sdpOf(request.getRawContent());
        if (offer.isEmpty()) { // offer-less INVITE (offer in our 200, answer in the ACK): not supported yet
            st.sendResponse(sip.response(Response.NOT_ACCEPTABLE_HERE, request, call.localTag, false));
            call.state = CallState.RINGING;
            end(call, Response.NOT_ACCEPTABLE_HERE, "no usable SDP offer");
            return;
        }
        call.remoteOffer = offer.get();
        call.media = engine.open(settings.localAddress(), settings.media());
        call.state = CallState.RINGING;
        st.sendResponse(sip.response(Response.RINGING, request, call.localTag, true));
        emit(new PhoneEvent(call.id, PhoneEvent.Kind.INCOMING, null, from, 0, ""));
        emit(PhoneEvent.state(call.id, CallState.RINGING, from, Response.RINGING, ""));
        if (settings.autoAnswer()) answerNow(call);
    }

    /** A far-side offer in an established dialog (hold, resume, new address): answer with our own hold state. */
    private void onReinvite(PhoneCall call, Request request, ServerTransaction st) throws Exception {
        Optional<SessionDescription> offer = sdpOf(request.getRawContent());
        if (offer.isEmpty() || !call.isUp()) {
            st.sendResponse(sip.response(Response.NOT_ACCEPTABLE_HERE, request, null, false));
            return;
        }
        if (call.pendingOffer != null) { // RFC 3261 §14.2: glare
            st.sendResponse(sip.response(Response.REQUEST_PENDING, request, null, false));
            return;
        }
        MediaDirection ours = call.localHold ? MediaDirection.SENDONLY : MediaDirection.SENDRECV;
        OfferAnswer.Answer a = OfferAnswer.answer(offer.get(), local(call, ours), call.localSdp, "-", 0);
        if (a.audio().isEmpty()) {
            st.sendResponse(sip.response(Response.NOT_ACCEPTABLE_HERE, request, null, false));
            return;
        }
        call.localSdp = a.sdp();
        Response ok = sip.response(Response.OK, request, null, true);
        sip.setSdp(ok, SdpWriter.write(a.sdp()));
        st.sendResponse(ok);
        started(call, a.audio().get(), 0);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        onLoopQuietly("response " + response.getStatusCode(), () -> {
            onResponse(event, response);
            return null;
        });
    }

    private void onResponse(ResponseEvent event, Response response) throws Exception {
        int status = response.getStatusCode();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        String callId = UaStack.callId(response);
        if (cseq.getMethod().equals(Request.REGISTER)) {
            if (status >= 200) registered(callId, status, response.getReasonPhrase());
            return;
        }
        PhoneCall call = bySipCallId.get(callId);
        if (call == null || !cseq.getMethod().equals(Request.INVITE)) return; // BYE/CANCEL answers change nothing here
        if (status < 200) {
            if (status >= 180 && call.state == CallState.CALLING) {
                call.state = CallState.RINGING;
                emit(PhoneEvent.state(call.id, CallState.RINGING, call.peer, status, ""));
            }
            return;
        }
        if (status < 300) {
            var dialog = event.getDialog() != null ? event.getDialog() : call.dialog;
            call.dialog = dialog;
            dialog.sendAck(dialog.createAck(cseq.getSeqNumber())); // RFC 3261 §13.2.2.4, also for a retransmitted 2xx
            SessionDescription offer = call.pendingOffer;
            if (offer == null) return; // a retransmission: already handled
            call.pendingOffer = null;
            if (call.state == CallState.ENDED || call.canceled) { // the 200 crossed our CANCEL: RFC 3261 §9.1
                sendInDialog(call, Request.BYE, null);
                end(call, 0, "canceled");
                return;
            }
            Optional<Negotiated> agreed = sdpOf(response.getRawContent()).flatMap(answer -> OfferAnswer.accept(offer, answer));
            if (agreed.isEmpty()) {
                sendInDialog(call, Request.BYE, null); // RFC 3264 §6: nothing usable was answered
                end(call, Response.NOT_ACCEPTABLE_HERE, "no usable SDP answer");
                return;
            }
            started(call, agreed.get(), call.isUp() ? 0 : status);
            return;
        }
        call.pendingOffer = null;
        if (call.isUp()) { // a refused re-INVITE leaves the session as it was (RFC 3261 §14.1)
            call.localHold = !call.localHold;
            log.info("call {}: re-INVITE refused with {}", call.id, status);
            return;
        }
        end(call, status, call.canceled ? "canceled" : response.getReasonPhrase());
    }

    private void registered(String callId, int status, String phrase) {
        CompletableFuture<Integer> f = registrations.remove(callId);
        if (f == null) return;
        emit(status / 100 == 2 ? new PhoneEvent(0, PhoneEvent.Kind.REGISTERED, null, settings.aor(), status, "at " + settings.proxy())
                : new PhoneEvent(0, PhoneEvent.Kind.REGISTRATION_FAILED, null, settings.aor(), status, phrase));
        f.complete(status);
    }

    private static Optional<SessionDescription> sdpOf(byte[] body) {
        if (body == null || body.length == 0) return Optional.empty();
        try {
            return Optional.of(SdpParser.parse(body));
        } catch (SdpException e) {
            log.info("unusable SDP: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) return;
        Request request = event.getClientTransaction().getRequest();
        String callId = UaStack.callId(request);
        onLoopQuietly("timeout", () -> {
            if (request.getMethod().equals(Request.REGISTER)) registered(callId, Response.REQUEST_TIMEOUT, "no answer from the node");
            PhoneCall call = bySipCallId.get(callId);
            if (call != null && request.getMethod().equals(Request.INVITE) && !call.isUp()) {
                end(call, Response.REQUEST_TIMEOUT, "no answer");
            }
            return null;
        });
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.debug("SIP IO error towards {}:{}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {}

    /** Hangs up calls in progress (BYE/CANCEL, best effort), then stops the stack. */
    @Override
    public void close() {
        try {
            onLoop(() -> {
                for (PhoneCall c : List.copyOf(calls)) {
                    if (c.state != CallState.ENDED) {
                        try {
                            hangup(c.id);
                        } catch (RuntimeException e) {
                            log.debug("hangup at close: {}", e.toString());
                        }
                    }
                }
                return null;
            }).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("close: {}", e.toString());
        }
        loop.shutdown();
        try {
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sip.stop();
    }
}
