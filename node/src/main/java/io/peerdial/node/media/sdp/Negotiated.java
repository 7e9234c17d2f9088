package io.peerdial.node.media.sdp;

import java.util.List;

/**
 * The outcome of an offer/answer exchange for the audio stream, from this side's point of view:
 * where to send RTP ({@code remoteAddress}:{@code remotePort}), the codec to send with (the
 * first common one, with the payload type the stream uses), the telephone-event payload type
 * (-1: none), what this side does ({@code direction}), whether the far side put the call on
 * hold (sendonly, inactive, or the legacy {@code c=0.0.0.0} of RFC 3264 §8.4), and the far side's
 * other attributes (ICE candidates and credentials).
 */
public record Negotiated(String remoteAddress, int remotePort, Format codec, int telephoneEvent, MediaDirection direction,
                         boolean remoteHold, boolean rtcpMux, int ptime, List<Attribute> remoteAttributes) {
    public Negotiated {
        remoteAttributes = List.copyOf(remoteAttributes);
    }
}
