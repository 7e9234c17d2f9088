package io.peerdial.node.sip.transport;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A standard SIP phone for tests: a JAIN-SIP UA on loopback (dialogs on, as a real phone keeps
 * them) that uses a node as its outbound proxy. Answers INVITEs as told ({@link #answerWith}),
 * and queues every request and response it sees.
 */
final class TestPhone implements SipListener, AutoCloseable {

    private static final AtomicInteger STACKS = new AtomicInteger();
    static final long WAIT_S = 10;

    final String aor;
    final SipStack stack;
    final SipProvider provider;
    final AddressFactory addresses;
    final HeaderFactory headers;
    final MessageFactory messages;
    final int port;
    final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();
    final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final InetSocketAddress proxy;
    private volatile List<Integer> answer = List.of(180, 200);
    volatile ServerTransaction lastInvite;
    volatile Dialog dialog;
    private long cseq = 1;

    TestPhone(String aor, InetSocketAddress proxy) throws Exception {
        this.aor = aor;
        this.proxy = proxy;
        SipFactory f = SipFactory.getInstance();
        f.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "test-phone-" + STACKS.incrementAndGet());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        stack = f.createSipStack(p);
        int free;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            free = s.getLocalPort();
        }
        port = free;
        provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", port, ListeningPoint.UDP));
        provider.addSipListener(this);
        addresses = f.createAddressFactory();
        headers = f.createHeaderFactory();
        messages = f.createMessageFactory();
    }

    /** Final statuses this phone answers INVITEs with, in order (e.g. 180 then 200; just 180 to ring forever). */
    void answerWith(Integer... statuses) {
        answer = List.of(statuses);
    }

    String contactUri() {
        return "sip:" + user() + "@127.0.0.1:" + port;
    }

    private String user() {
        return aor.substring(4, aor.indexOf('@'));
    }

    /** A request from this phone to {@code target} through its node (a preloaded Route, as an outbound proxy). */
    Request request(String method, String target) throws Exception {
        Address from = addresses.createAddress(aor);
        Address to = addresses.createAddress(target);
        CallIdHeader callId = provider.getNewCallId();
        ViaHeader via = headers.createViaHeader("127.0.0.1", port, "udp", null);
        Request r = messages.createRequest(addresses.createURI(target), method, callId,
                headers.createCSeqHeader(cseq++, method), headers.createFromHeader(from, "t" + System.nanoTime()),
                headers.createToHeader(to, null), new java.util.ArrayList<>(List.of(via)), headers.createMaxForwardsHeader(70));
        r.addHeader(headers.createContactHeader(addresses.createAddress(contactUri())));
        SipURI route = addresses.createSipURI(null, proxy.getAddress().getHostAddress());
        route.setPort(proxy.getPort());
        route.setLrParam();
        r.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
        return r;
    }

    ClientTransaction send(Request r) throws Exception {
        ClientTransaction ct = provider.getNewClientTransaction(r);
        ct.sendRequest();
        return ct;
    }

    /** REGISTER this phone's contact at its node; returns the final status. */
    int register(int expires) throws Exception {
        SipURI registrar = addresses.createSipURI(null, proxy.getAddress().getHostAddress());
        registrar.setPort(proxy.getPort());
        Address self = addresses.createAddress(aor);
        Request r = messages.createRequest(registrar, Request.REGISTER, provider.getNewCallId(),
                headers.createCSeqHeader(cseq++, Request.REGISTER), headers.createFromHeader(self, "r" + System.nanoTime()),
                headers.createToHeader(self, null),
                new java.util.ArrayList<>(List.of(headers.createViaHeader("127.0.0.1", port, "udp", null))),
                headers.createMaxForwardsHeader(70));
        ContactHeader contact = headers.createContactHeader(addresses.createAddress(contactUri()));
        r.addHeader(contact);
        r.addHeader(headers.createExpiresHeader(expires));
        send(r);
        return finalResponse().getStatusCode();
    }

    Response nextResponse() throws InterruptedException {
        Response r = responses.poll(WAIT_S, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError(aor + ": no response within " + WAIT_S + " s");
        return r;
    }

    Response finalResponse() throws InterruptedException {
        while (true) {
            Response r = nextResponse();
            if (r.getStatusCode() >= 200) return r;
        }
    }

    Request nextRequest(String method) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            Request r = requests.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && r.getMethod().equals(method)) return r;
        }
        throw new AssertionError(aor + ": no " + method + " within " + WAIT_S + " s");
    }

    /** ACK of the 2xx that established {@link #dialog}. */
    void ack() throws Exception {
        dialog.sendAck(dialog.createAck(dialog.getLocalSeqNumber()));
    }

    /** BYE on the established dialog; returns its final status. */
    int bye() throws Exception {
        Request bye = dialog.createRequest(Request.BYE);
        ClientTransaction ct = provider.getNewClientTransaction(bye);
        dialog.sendRequest(ct);
        return finalResponse().getStatusCode();
    }

    @Override
    public void processRequest(RequestEvent e) {
        Request r = e.getRequest();
        requests.add(r);
        try {
            ServerTransaction st = e.getServerTransaction();
            if (r.getMethod().equals(Request.ACK)) return;
            if (st == null) st = provider.getNewServerTransaction(r);
            switch (r.getMethod()) {
                case Request.INVITE -> {
                    lastInvite = st;
                    dialog = st.getDialog();
                    for (int status : answer) {
                        Response resp = messages.createResponse(status, r);
                        ((javax.sip.header.ToHeader) resp.getHeader(javax.sip.header.ToHeader.NAME)).setTag("b" + port);
                        if (status < 300) resp.addHeader(headers.createContactHeader(addresses.createAddress(contactUri())));
                        st.sendResponse(resp);
                    }
                }
                case Request.CANCEL -> {
                    st.sendResponse(messages.createResponse(200, r));
                    ServerTransaction invite = lastInvite;
                    if (invite != null) invite.sendResponse(messages.createResponse(487, invite.getRequest()));
                }
                default -> st.sendResponse(messages.createResponse(200, r));
            }
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void processResponse(ResponseEvent e) {
        if (e.getDialog() != null && e.getResponse().getStatusCode() / 100 == 2) dialog = e.getDialog();
        responses.add(e.getResponse());
    }

    @Override
    public void processTimeout(TimeoutEvent e) {}

    @Override
    public void processIOException(IOExceptionEvent e) {}

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent e) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent e) {}

    @Override
    public void close() {
        stack.stop();
    }
}
