package io.peerdial.node.media.audio;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The codecs a call can use, by SDP name and RTP payload type. PCMU (0) and PCMA (8) are static
 * (RFC 3551 Table 4); Opus and telephone-event are dynamic (RFC 3551 §3), so an offer/answer may
 * remap them: {@link #withDynamic} builds a registry for the numbers the SDP negotiated.
 * Lookups return a fresh {@link AudioCodec} each time because codec instances hold per-stream state.
 */
public final class Codecs {

    public static final int PCMU = Pcmu.PAYLOAD_TYPE;
    public static final int PCMA = Pcma.PAYLOAD_TYPE;
    public static final int DEFAULT_OPUS = 111;
    public static final int DEFAULT_TELEPHONE_EVENT = 101;
    public static final String TELEPHONE_EVENT = "telephone-event";

    private static final Codecs STANDARD = new Codecs(DEFAULT_OPUS, DEFAULT_TELEPHONE_EVENT);

    private final int opusPayloadType;
    private final int telephoneEventPayloadType;

    private Codecs(int opusPayloadType, int telephoneEventPayloadType) {
        this.opusPayloadType = opusPayloadType;
        this.telephoneEventPayloadType = telephoneEventPayloadType;
    }

    /** PCMU 0, PCMA 8, opus 111, telephone-event 101. */
    public static Codecs standard() {
        return STANDARD;
    }

    /** A registry with other dynamic payload types (96..127, distinct), as negotiated in SDP. */
    public static Codecs withDynamic(int opusPayloadType, int telephoneEventPayloadType) {
        for (int pt : new int[] {opusPayloadType, telephoneEventPayloadType}) {
            if (pt < 96 || pt > 127) {
                throw new IllegalArgumentException("dynamic payload types are 96..127 (RFC 3551 §3), got " + pt);
            }
        }
        if (opusPayloadType == telephoneEventPayloadType) {
            throw new IllegalArgumentException("opus and telephone-event need distinct payload types");
        }
        return new Codecs(opusPayloadType, telephoneEventPayloadType);
    }

    public int opusPayloadType() {
        return opusPayloadType;
    }

    public int telephoneEventPayloadType() {
        return telephoneEventPayloadType;
    }

    public boolean isTelephoneEvent(int payloadType) {
        return payloadType == telephoneEventPayloadType;
    }

    /** SDP encoding names of the audio codecs, in our order of preference. */
    public List<String> names() {
        return List.of(OpusCodec.NAME, Pcmu.NAME, Pcma.NAME);
    }

    /** A new codec for a payload type; empty for unknown types and for telephone-event (not audio). */
    public Optional<AudioCodec> byPayloadType(int payloadType) {
        if (payloadType == PCMU) {
            return Optional.of(new Pcmu());
        }
        if (payloadType == PCMA) {
            return Optional.of(new Pcma());
        }
        if (payloadType == opusPayloadType) {
            return Optional.of(new OpusCodec(opusPayloadType));
        }
        return Optional.empty();
    }

    /** A new codec for an SDP encoding name (case-insensitive, RFC 4855 §3). */
    public Optional<AudioCodec> byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "pcmu" -> Optional.of(new Pcmu());
            case "pcma" -> Optional.of(new Pcma());
            case "opus" -> Optional.of(new OpusCodec(opusPayloadType));
            default -> Optional.empty();
        };
    }
}
