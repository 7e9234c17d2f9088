package io.peerdial.node.phone;

import io.peerdial.node.media.sdp.Attribute;
import io.peerdial.node.media.sdp.Negotiated;
import java.util.List;

/**
 * The media of one call. The user agent calls {@link #start} after every completed offer/answer
 * (establishment, hold, resume, a far-side re-INVITE); a later call replaces what an earlier one set.
 */
public interface CallMedia extends AutoCloseable {

    /** The local RTP port the SDP advertises. */
    int localPort();

    /** Extra media attributes for our SDP (ICE: ice-ufrag, ice-pwd, candidate…); empty without ICE. */
    default List<Attribute> sdpAttributes() {
        return List.of();
    }

    /** Send/receive as agreed: remote address and port, codec, telephone-event type, direction. */
    void start(Negotiated agreed);

    /** Sends DTMF (RFC 4733 events when agreed); returns false when this leg cannot. */
    boolean sendDtmf(String digits);

    MediaStats stats();

    /** DTMF digits received from the far side so far, in order, each key press once; "" when none or unsupported. */
    default String receivedDigits() {
        return "";
    }

    @Override
    void close();
}
