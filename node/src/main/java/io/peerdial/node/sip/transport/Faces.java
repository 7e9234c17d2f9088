package io.peerdial.node.sip.transport;

import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.address.URI;

/** The node's two SIP faces: a provider each, with its UDP (and TCP) listening point. */
record Faces(SipProvider phone, SipProvider peer, String phoneHost, int phonePort, String peerHost, int peerPort) {

    SipProvider provider(Side side) {
        return side == Side.PHONE ? phone : peer;
    }

    Side sideOf(SipProvider provider) {
        return provider == peer ? Side.PEER : Side.PHONE;
    }

    String host(Side side) {
        return side == Side.PHONE ? phoneHost : peerHost;
    }

    int port(Side side) {
        return side == Side.PHONE ? phonePort : peerPort;
    }

    /** The face a URI (a Route entry) names, or null if it is not one of ours. */
    Side faceOf(URI uri) {
        if (!(uri instanceof SipURI s)) return null;
        int port = s.getPort() <= 0 ? 5060 : s.getPort();
        String host = s.getHost();
        if (host == null) return null;
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (port == phonePort && host.equalsIgnoreCase(phoneHost)) return Side.PHONE;
        if (port == peerPort && host.equalsIgnoreCase(peerHost)) return Side.PEER;
        return null;
    }

    static String udp() {
        return ListeningPoint.UDP;
    }
}
