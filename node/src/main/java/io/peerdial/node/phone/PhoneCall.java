package io.peerdial.node.phone;

import io.peerdial.node.media.sdp.SessionDescription;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;

/** One call's mutable state; touched only on the user agent's event loop thread. */
final class PhoneCall {
    final int id;
    final boolean outgoing;
    final String peer;
    final String sipCallId;
    CallState state;
    Dialog dialog;
    /** Outgoing: the initial INVITE's transaction (to CANCEL it). */
    ClientTransaction invite;
    /** Incoming: the initial INVITE's server transaction (to answer or reject it). */
    ServerTransaction incoming;
    String localTag;
    SessionDescription remoteOffer;
    /** Our last description in the session (its version goes up by one with each new one). */
    SessionDescription localSdp;
    /** An offer of ours waiting for its answer (initial INVITE or re-INVITE), null when none. */
    SessionDescription pendingOffer;
    CallMedia media;
    boolean localHold;
    boolean remoteHold;
    boolean canceled;
    int finalStatus;

    PhoneCall(int id, boolean outgoing, String peer, String sipCallId) {
        this.id = id;
        this.outgoing = outgoing;
        this.peer = peer;
        this.sipCallId = sipCallId;
    }

    boolean isUp() {
        return state == CallState.ESTABLISHED || state == CallState.HELD;
    }

    CallState upState() {
        return localHold || remoteHold ? CallState.HELD : CallState.ESTABLISHED;
    }

    CallInfo info() {
        return new CallInfo(id, outgoing, peer, state, finalStatus, media == null ? MediaStats.NONE : media.stats());
    }
}
