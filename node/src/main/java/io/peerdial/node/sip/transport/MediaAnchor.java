package io.peerdial.node.sip.transport;

/**
 * Media anchoring (ARCHITECTURE.md "A call", docs/MEDIA.md): the node rewrites the SDP bodies that
 * cross between its phone face and its node face, so that a phone sends RTP to the node and the node
 * carries it over an ICE-selected path to the other node. The SIP service only finds the bodies and
 * hands them over; which body is an offer and which an answer is the anchor's business (it keeps the
 * offer/answer state of each call, RFC 3264), as is what one call's resources are.
 *
 * <p>Calls arrive on the SIP stack's threads; implementations are thread-safe.
 */
public interface MediaAnchor {

    /** What carried a body: it tells an offer from an answer (RFC 3264 §4, RFC 3261 §13.2.1). */
    enum Carrier {
        /** INVITE, re-INVITE or UPDATE: an offer. */
        REQUEST,
        /** The ACK of a 2xx: the answer to an offer made in the 2xx (late offer). */
        ACK,
        /** A 18x or 2xx: the answer to the request's offer, or the offer when the INVITE had none. */
        RESPONSE
    }

    /**
     * An SDP body of a request or response of call {@code callId} crossing from face {@code from} to
     * face {@code to} (never the same face).
     *
     * @return the body to send on instead (the same array to leave it as it is)
     * @throws Refused when the offer cannot be anchored: the request is answered 488 (RFC 3261 §21.4.26)
     */
    byte[] rewrite(String callId, Side from, Side to, Carrier carrier, byte[] sdp) throws Refused;

    /**
     * A 2xx retransmission that the service forwards statelessly (RFC 3261 §16.7 step 10, §13.3.1.4:
     * the UAS repeats its 2xx until the ACK) crossing from face {@code from}: it must carry the body the
     * first 2xx was rewritten to, or the far side sees the phone's own SDP (loopback ports, no ICE).
     *
     * @return the body to send on (the same array when the call is not anchored here), or null when the
     *         call is anchored but this is not the body last rewritten from that side: drop the response
     */
    default byte[] repeat(String callId, Side from, byte[] sdp) {
        return sdp;
    }

    /** The call ended (BYE, or the INVITE failed): free what it holds. Idempotent. */
    void end(String callId);

    /**
     * The SIP service hands the anchor its way to reach the other node of a call outside the phones'
     * dialog (docs/MEDIA.md "Relay failover"); called once at start.
     */
    default void iceRestarts(IceRestartSignal signal) {
    }

    /**
     * Another node restarts ICE for one of our calls (its relay failed): {@code body} is an
     * {@code application/x-peerdial-ice+sdp} description naming the call; returns our answer body (200).
     *
     * @return empty when no such call is anchored here (481)
     * @throws Refused a malformed or unauthenticated body (403)
     */
    default java.util.Optional<byte[]> restartOffered(byte[] body) throws Refused {
        return java.util.Optional.empty();
    }

    /** Frees everything (the service stops). */
    default void close() {
    }

    /** Leaves every body as it is: phones' media goes end to end (tests, or no media support). */
    MediaAnchor NONE = new MediaAnchor() {
        @Override
        public byte[] rewrite(String callId, Side from, Side to, Carrier carrier, byte[] sdp) {
            return sdp;
        }

        @Override
        public void end(String callId) {
        }
    };

    /** The offer in a body cannot be anchored; the reason goes into the 488's Warning/log. */
    final class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }
    }
}
