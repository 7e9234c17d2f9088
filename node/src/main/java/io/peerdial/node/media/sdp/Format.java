package io.peerdial.node.media.sdp;

import java.util.Locale;
import java.util.Objects;

/**
 * One payload format of an RTP media section: its payload type, and what {@code a=rtpmap} (RFC 8866
 * §6.6) and {@code a=fmtp} (§6.15) say about it. {@code fmtp} is null when absent; {@code channels} is 1
 * when rtpmap names none.
 */
public record Format(int payloadType, String encoding, int clockRate, int channels, String fmtp) {
    public Format {
        if (payloadType < 0 || payloadType > 127) throw new IllegalArgumentException("payload type 0..127: " + payloadType);
        Objects.requireNonNull(encoding, "encoding");
        if (!SdpText.isField(encoding) || encoding.indexOf('/') >= 0) throw new IllegalArgumentException("bad encoding: " + encoding);
        if (clockRate <= 0 || channels <= 0) throw new IllegalArgumentException("clock rate and channels must be positive");
        if (fmtp != null && (fmtp.isEmpty() || !SdpText.isLineSafe(fmtp))) throw new IllegalArgumentException("bad fmtp");
    }

    public Format(int payloadType, String encoding, int clockRate, int channels) {
        this(payloadType, encoding, clockRate, channels, null);
    }

    /** RFC 3551 §6: payload types below 96 are static; 96–127 are dynamic and bound by rtpmap. */
    public boolean isDynamic() {
        return payloadType >= 96;
    }

    /** Same codec (encoding name case-insensitively, clock rate, channels), whatever the payload type number. */
    public boolean sameCodec(Format other) {
        return encoding.equalsIgnoreCase(other.encoding) && clockRate == other.clockRate && channels == other.channels;
    }

    public Format withPayloadType(int pt) {
        return new Format(pt, encoding, clockRate, channels, fmtp);
    }

    public Format withFmtp(String value) {
        return new Format(payloadType, encoding, clockRate, channels, value);
    }

    /** The rtpmap value: {@code <encoding>/<clock rate>[/<channels>]}. */
    public String rtpmap() {
        return payloadType + " " + encoding + "/" + clockRate + (channels == 1 ? "" : "/" + channels);
    }

    public boolean isTelephoneEvent() {
        return encoding.toLowerCase(Locale.ROOT).equals("telephone-event");
    }

    /** The static payload types of RFC 3551 table 4 an SDP may use without an rtpmap; null for others. */
    static Format staticType(int pt) {
        return switch (pt) {
            case 0 -> new Format(0, "PCMU", 8000, 1);
            case 3 -> new Format(3, "GSM", 8000, 1);
            case 4 -> new Format(4, "G723", 8000, 1);
            case 8 -> new Format(8, "PCMA", 8000, 1);
            case 9 -> new Format(9, "G722", 8000, 1);
            case 18 -> new Format(18, "G729", 8000, 1);
            default -> null;
        };
    }
}
