package io.peerdial.node.phone;

/** Where a call is, from this user agent's side. */
public enum CallState {
    /** INVITE sent, no ringing yet. */
    CALLING,
    /** Outgoing: 180 received. Incoming: 180 sent, waiting for answer/reject. */
    RINGING,
    ESTABLISHED,
    /** On hold: by us (a=sendonly sent) or by the far side (sendonly/inactive/0.0.0.0 received). */
    HELD,
    ENDED
}
