package io.peerdial.node.sip.transport;

import io.peerdial.node.sip.NodeSignature;
import io.peerdial.node.sip.SignedFields;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.text.ParseException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Header surgery a proxy does (RFC 3261 §16.6) and the node signature on requests. */
final class SipMessages {

    static final int DEFAULT_MAX_FORWARDS = 70;
    /** RFC 3261 §8.1.1.7: branch ids start with the magic cookie. */
    private static final String MAGIC_COOKIE = "z9hG4bK";

    final AddressFactory addresses;
    final HeaderFactory headers;
    final MessageFactory messages;
    private final Faces faces;

    SipMessages(AddressFactory addresses, HeaderFactory headers, MessageFactory messages, Faces faces) {
        this.addresses = addresses;
        this.headers = headers;
        this.messages = messages;
        this.faces = faces;
    }

    /** The fields a node signature covers, read from a request. */
    static SignedFields signedFields(Request r) {
        FromHeader from = (FromHeader) r.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        CallIdHeader callId = (CallIdHeader) r.getHeader(CallIdHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        byte[] body = r.getRawContent();
        return new SignedFields(r.getMethod(), r.getRequestURI().toString(),
                SignedFields.party(from.getAddress().getURI().toString(), from.getTag()),
                SignedFields.party(to.getAddress().getURI().toString(), to.getTag()),
                callId.getCallId(), cseq.getSeqNumber() + " " + cseq.getMethod(), body);
    }

    /** Replaces any node signature on {@code r} by this node's, made now. */
    void sign(Request r, NodeKeyPair node, long now) throws ParseException {
        r.removeHeader(NodeSignature.HEADER);
        r.addHeader(headers.createHeader(NodeSignature.HEADER, NodeSignature.sign(node, signedFields(r), now)));
    }

    static String signature(Request r) {
        Header h = r.getHeader(NodeSignature.HEADER);
        if (h == null) return null;
        if (h instanceof ExtensionHeader e && e.getValue() != null) return e.getValue().strip(); // no re-encoding
        String s = h.toString(); // "Name: value\r\n"
        int colon = s.indexOf(':');
        return s.substring(colon + 1).strip();
    }

    /** {@code <sip:HOST:PORT;lr>} of one of our faces. */
    Address faceAddress(Side side) throws ParseException {
        SipURI uri = addresses.createSipURI(null, faces.host(side));
        uri.setPort(faces.port(side));
        uri.setLrParam();
        return addresses.createAddress(uri);
    }

    /** A Route to another node's face at {@code host:port} (loose routing, RFC 3261 §16.12). */
    RouteHeader routeTo(String host, int port) throws ParseException {
        SipURI uri = addresses.createSipURI(null, host);
        uri.setPort(port);
        uri.setLrParam();
        return headers.createRouteHeader(addresses.createAddress(uri));
    }

    /**
     * Record-Route (RFC 3261 §16.6 step 4): the inbound face first, the outbound face on top when they
     * differ (double record-routing, RFC 5658), so in-dialog requests find the right face either way.
     */
    void recordRoute(Request r, Side in, Side out) throws ParseException, javax.sip.SipException {
        r.addFirst(recordRoute(in));
        if (in != out) r.addFirst(recordRoute(out));
    }

    private RecordRouteHeader recordRoute(Side side) throws ParseException {
        return headers.createRecordRouteHeader(faceAddress(side));
    }

    /**
     * Pops the Route entries that name our faces (RFC 3261 §16.4), and our own flow entry at a
     * super-node ({@code ownToken}, see {@link #recordRouteOwnFlow}: it is there for the far side's
     * requests only; ours go on to the next hop directly), and returns the face of the last one popped
     * (where the request leaves), or null if the top Route was not ours.
     */
    Side popOurRoutes(Request r, String ownToken) {
        Side last = null;
        RouteHeader route;
        while ((route = (RouteHeader) r.getHeader(RouteHeader.NAME)) != null) {
            javax.sip.address.URI uri = route.getAddress().getURI();
            Side face = faces.faceOf(uri);
            if (face == null && uri instanceof SipURI s && ownToken.equalsIgnoreCase(s.getUser())) face = Side.PEER;
            if (face == null) break;
            last = face;
            r.removeFirst(RouteHeader.NAME);
        }
        return last;
    }

    /** RFC 3261 §16.6 step 3: Max-Forwards decremented, or 70 if absent. */
    void decrementMaxForwards(Request r) throws InvalidArgumentException, javax.sip.header.TooManyHopsException {
        MaxForwardsHeader mf = (MaxForwardsHeader) r.getHeader(MaxForwardsHeader.NAME);
        if (mf == null) {
            r.setHeader(headers.createMaxForwardsHeader(DEFAULT_MAX_FORWARDS));
        } else {
            mf.decrementMaxForwards();
        }
    }

    /** RFC 3261 §16.6 step 8: our Via on top, with a fresh branch. */
    void pushVia(Request r, Side out) throws ParseException, InvalidArgumentException, javax.sip.SipException {
        pushVia(r, out, Faces.udp());
    }

    /**
     * Our Via over {@code transport}, with {@code rport} (RFC 3581 §3): the answer goes back to the
     * address and port the request came from, which behind a NAT is the mapping, not our face.
     * Returns the branch.
     */
    String pushVia(Request r, Side out, String transport) throws ParseException, InvalidArgumentException, javax.sip.SipException {
        String branch = MAGIC_COOKIE + Long.toHexString(ThreadLocalRandom.current().nextLong());
        ViaHeader via = headers.createViaHeader(faces.host(out), faces.port(out), transport, branch);
        via.setRPort();
        r.addFirst(via);
        return branch;
    }

    /**
     * Record-Route of a rendezvous forwarding over a flow: {@code <sip:TOKEN@NODEFACE;lr>} (RFC 5626 §5.3),
     * under the inbound face's entry when the request came from a phone (double record-routing).
     */
    void recordRouteFlow(Request r, Side in, String token) throws ParseException, javax.sip.SipException {
        if (in != Side.PEER) r.addFirst(recordRoute(in));
        r.addFirst(headers.createRecordRouteHeader(addresses.createAddress(flowUri(token, faces.peerHost(), faces.peerPort()))));
    }

    /**
     * Record-Route of a DHT client's own dialog-creating request: the inbound face's entry, and on top
     * its flow at one of its super-nodes, {@code <sip:OWNTOKEN@SUPER:PORT;lr[;transport=tcp]>}, instead of
     * its own node face, which the far side cannot reach (behind a NAT it is a private address; with UDP
     * blocked nothing gets in). In-dialog requests from the far side then come down the flow, as they do
     * to a called client (docs/SIP.md "Rendezvous"); this node's own in-dialog requests skip that entry
     * ({@link #popOurRoutes}).
     */
    void recordRouteOwnFlow(Request r, Side in, String ownToken, java.net.InetSocketAddress superFace, boolean tcp)
            throws ParseException, javax.sip.SipException {
        if (in != Side.PEER) r.addFirst(recordRoute(in));
        SipURI uri = flowUri(ownToken, superFace.getAddress().getHostAddress(), superFace.getPort());
        if (tcp) uri.setTransportParam(ListeningPoint.TCP);
        r.addFirst(headers.createRecordRouteHeader(addresses.createAddress(uri)));
    }

    /** A Route to a client's flow at its super-node's face: {@code <sip:TOKEN@HOST:PORT;lr>}. */
    RouteHeader routeToFlow(String token, String host, int port) throws ParseException {
        return headers.createRouteHeader(addresses.createAddress(flowUri(token, host, port)));
    }

    private SipURI flowUri(String token, String host, int port) throws ParseException {
        SipURI uri = addresses.createSipURI(token, host);
        uri.setPort(port);
        uri.setLrParam();
        return uri;
    }

    /** The user part (a flow token, or null) of the last of the top Route entries that name our faces. */
    String flowUserInOurRoutes(Request r) {
        String user = null;
        java.util.ListIterator<?> it = r.getHeaders(RouteHeader.NAME);
        while (it.hasNext()) {
            RouteHeader route = (RouteHeader) it.next();
            if (faces.faceOf(route.getAddress().getURI()) == null) break;
            user = route.getAddress().getURI() instanceof SipURI s ? s.getUser() : null;
        }
        return user;
    }

    /** RFC 3261 §18.1.1: a request this big goes over TCP (within 200 bytes of a 1500-byte MTU). */
    static boolean needsTcp(Request r) {
        return r.toString().length() > UDP_LIMIT_BYTES;
    }

    static final int UDP_LIMIT_BYTES = 1300;

    /** Set when this node's UDP is blocked: every request to another node leaves over TCP (docs/SIP.md "UDP-blocked nodes"). */
    private volatile boolean nodesOverTcp;

    void nodesOverTcp(boolean on) {
        nodesOverTcp = on;
    }

    boolean nodesOverTcp() {
        return nodesOverTcp;
    }

    /** The transport of the binding contacts this node can reach other nodes at: TCP only when its UDP is blocked. */
    io.peerdial.location.binding.BindingContact.Transport contactTransport() {
        return nodesOverTcp ? io.peerdial.location.binding.BindingContact.Transport.TCP
                : io.peerdial.location.binding.BindingContact.Transport.UDP;
    }

    /** Whether a request to another node must leave over TCP: too big for UDP (RFC 3261 §18.1.1), or UDP is blocked. */
    boolean tcpToNode(Request r) {
        return nodesOverTcp || needsTcp(r);
    }

    /** Asks for TCP towards the top Route entry (RFC 3263: the transport parameter picks it). */
    static void preferTcp(Request r) throws ParseException {
        RouteHeader route = (RouteHeader) r.getHeader(RouteHeader.NAME);
        if (route != null && route.getAddress().getURI() instanceof SipURI s) s.setTransportParam("tcp");
        else if (r.getRequestURI() instanceof SipURI s) s.setTransportParam("tcp");
    }

    Response response(int status, Request r) throws ParseException {
        return messages.createResponse(status, r);
    }

    /** The node face's address: the contact published in bindings. */
    java.net.InetSocketAddress nodeFace() {
        return new java.net.InetSocketAddress(faces.peerHost(), faces.peerPort());
    }
}
