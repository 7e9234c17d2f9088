package io.peerdial.node.media.audio;

/**
 * One telephone-event packet for the RTP layer to send with the telephone-event payload type.
 *
 * @param rtpTimestamp the event's start time; every packet of one event carries it (RFC 4733 §2.3.1)
 * @param marker       set on the first packet of an event (RFC 4733 §2.5.1.1)
 * @param event        the payload fields
 */
public record DtmfPacket(long rtpTimestamp, boolean marker, TelephoneEvent event) {

    public DtmfPacket {
        if (rtpTimestamp < 0 || rtpTimestamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("RTP timestamp is 32 bits unsigned: " + rtpTimestamp);
        }
    }

    /** The four payload bytes (RFC 4733 §2.3). */
    public byte[] payload() {
        return TelephoneEventCodec.encode(event);
    }
}
