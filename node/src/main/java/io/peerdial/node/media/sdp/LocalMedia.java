package io.peerdial.node.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * What this side puts into an offer or answer for its one audio stream: the RTP address and port,
 * the codecs in order of preference (their payload types are the ones used in an offer), the direction
 * it wants (sendonly or inactive to hold), a packet time (0: none) and extra media attributes (ICE).
 */
public record LocalMedia(String address, int port, List<Format> codecs, MediaDirection direction, int ptime,
                         List<Attribute> attributes) {
    public LocalMedia {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(direction, "direction");
        if (port <= 0 || port > 65535) throw new IllegalArgumentException("port 1..65535: " + port);
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) throw new IllegalArgumentException("no codec");
        attributes = List.copyOf(attributes);
    }

    /**
     * PCMU, PCMA, opus/48000/2, telephone-event/8000 and /48000: what the bundled softphone offers.
     * RFC 4733 §2.1 ties an event stream's clock to the audio codec's, so Opus calls need their own
     * telephone-event at 48 kHz (RFC 7587 §4.1); {@link OfferAnswer} picks the one matching the codec.
     */
    public static final List<Format> DEFAULT_CODECS = List.of(
            new Format(0, "PCMU", 8000, 1),
            new Format(8, "PCMA", 8000, 1),
            new Format(111, "opus", 48000, 2, "useinbandfec=1"), // RFC 7587 §7: opus is always /48000/2
            new Format(101, "telephone-event", 8000, 1, "0-16"), // RFC 4733 §7.1.1: DTMF events 0-15, flash 16
            new Format(102, "telephone-event", 48000, 1, "0-16"));

    public LocalMedia withDirection(MediaDirection d) {
        return new LocalMedia(address, port, codecs, d, ptime, attributes);
    }
}
