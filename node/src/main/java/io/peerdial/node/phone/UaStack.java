package io.peerdial.node.phone;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** The JAIN-SIP stack of one phone (UDP, dialogs kept by the stack) and the messages it builds. */
public final class UaStack {


    final SipStack stack;
    final SipProvider provider;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final String aor;
    private final String host;
    private final int port;
    private final InetSocketAddress proxy;
    private final AtomicLong cseq = new AtomicLong(1);

    private UaStack(SipStack stack, SipProvider provider, SipFactory f, String aor, String host, int port, InetSocketAddress proxy)
            throws Exception {
        this.stack = stack;
        this.provider = provider;
        this.addresses = f.createAddressFactory();
        this.headers = f.createHeaderFactory();
        this.messages = f.createMessageFactory();
        this.aor = aor;
        this.host = host;
        this.port = port;
        this.proxy = proxy;
    }

    static UaStack start(String aor, InetAddress local, InetSocketAddress proxy) throws IOException {
        return start("peerdial-phone", "the phone's SIP stack", aor, local, proxy);
    }

    /**
     * A user agent for {@code aor} on a free UDP port of {@code local} that sends through the node's
     * phone face {@code proxy}: the softphone's, and the P2P API's signalling agent's.
     */
    public static UaStack start(String stackName, String what, String aor, InetAddress local, InetSocketAddress proxy)
            throws IOException {
        UserAgentStack ua = UserAgentStack.start(stackName, local, what);
        try {
            return new UaStack(ua.stack(), ua.provider(), ua.factory(), aor, ua.host(), ua.port(), proxy);
        } catch (Exception e) { // the factories: a configuration error of the stack
            ua.stack().stop();
            throw new IOException("cannot start " + what + ": " + e.getMessage(), e);
        }
    }

    public SipProvider provider() {
        return provider;
    }

    String contactUri() {
        String user = aor.substring(4, aor.indexOf('@'));
        return "sip:" + user + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    ContactHeader contact() throws Exception {
        return headers.createContactHeader(addresses.createAddress(contactUri()));
    }

    /** REGISTER of our AOR at the node, Contact: us (RFC 3261 §10.2). */
    public Request register(int expires) throws Exception {
        SipURI registrar = nodeUri();
        Address self = addresses.createAddress(aor);
        Request r = messages.createRequest(registrar, Request.REGISTER, provider.getNewCallId(),
                headers.createCSeqHeader(cseq.getAndIncrement(), Request.REGISTER), headers.createFromHeader(self, tag()),
                headers.createToHeader(self, null), via(), headers.createMaxForwardsHeader(70));
        r.addHeader(contact());
        r.addHeader(headers.createExpiresHeader(expires));
        return r;
    }

    /** An initial INVITE to {@code target} through the node as outbound proxy (a preloaded loose Route, RFC 3261 §8.1.2). */
    public Request invite(String target) throws Exception {
        Request r = messages.createRequest(addresses.createURI(target), Request.INVITE, provider.getNewCallId(),
                headers.createCSeqHeader(cseq.getAndIncrement(), Request.INVITE),
                headers.createFromHeader(addresses.createAddress(aor), tag()),
                headers.createToHeader(addresses.createAddress(target), null), via(), headers.createMaxForwardsHeader(70));
        r.addHeader(contact());
        SipURI route = nodeUri();
        route.setLrParam();
        r.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
        return r;
    }

    /** A response to {@code request}; {@code toTag} set when given; Contact on dialog-creating ones. */
    public Response response(int status, Request request, String toTag, boolean withContact) throws Exception {
        Response r = messages.createResponse(status, request);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (toTag != null && to.getTag() == null) to.setTag(toTag);
        if (withContact) r.addHeader(contact());
        return r;
    }

    public void setSdp(Message m, String sdp) throws Exception {
        m.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
    }

    public void setSdp(Message m, byte[] sdp) throws Exception {
        m.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
    }

    public static String callId(Message m) {
        return ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId();
    }

    static String fromUri(Request r) {
        return ((FromHeader) r.getHeader(FromHeader.NAME)).getAddress().getURI().toString();
    }

    private SipURI nodeUri() throws Exception {
        SipURI uri = addresses.createSipURI(null, proxy.getAddress().getHostAddress());
        uri.setPort(proxy.getPort());
        return uri;
    }

    private List<ViaHeader> via() throws Exception {
        return new ArrayList<>(List.of(headers.createViaHeader(host, port, "udp", null)));
    }

    private static String tag() {
        return Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    public void stop() {
        stack.stop();
    }
}
