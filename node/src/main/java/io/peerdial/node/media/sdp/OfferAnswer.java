package io.peerdial.node.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The offer/answer model of RFC 3264 for one audio stream. Pure functions of their arguments:
 * session ids are given by the caller (who draws them from its injected random generator).
 */
public final class OfferAnswer {

    private static final String HOLD_ADDRESS = "0.0.0.0";

    private OfferAnswer() {}

    /** RFC 3264 §5: an offer with one audio m= line listing every local codec. */
    public static SessionDescription offer(String username, long sessionId, long version, LocalMedia local) {
        Origin origin = new Origin(username, sessionId, version, addressType(local.address()), local.address());
        MediaDescription audio = new MediaDescription("audio", local.port(), MediaDescription.RTP_AVP, local.codecs(), null,
                local.direction(), true, local.ptime(), local.attributes());
        return new SessionDescription(origin, "peerdial", local.address(), List.of(), List.of(audio));
    }

    /**
     * RFC 3264 §8: a new offer in an existing session (hold, resume, new address): same session id,
     * version one higher than {@code previous} (this side's last description).
     */
    public static SessionDescription reoffer(SessionDescription previous, LocalMedia local) {
        Origin o = previous.origin();
        return offer(o.username(), o.sessionId(), o.version() + 1, local);
    }

    /**
     * RFC 3264 §6: answers {@code offer}. The first usable audio stream is accepted with the codecs
     * both sides have, in the offerer's order and with the offerer's payload type numbers (§6.1: the
     * answerer must use them for dynamic types); every other stream is rejected with port 0 (§6).
     * {@code previous}: this side's last description in the session (its version goes up by one), or
     * null for the first answer (then {@code sessionId} and version 0 are used).
     */
    public static Answer answer(SessionDescription offer, LocalMedia local, SessionDescription previous, String username, long sessionId) {
        Origin origin = previous != null ? previous.origin().nextVersion()
                : new Origin(username, sessionId, 0, addressType(local.address()), local.address());
        List<MediaDescription> answered = new ArrayList<>(offer.media().size());
        Negotiated chosen = null;
        for (MediaDescription m : offer.media()) {
            List<Format> common = chosen == null && acceptable(m) ? common(m.formats(), local.codecs()) : List.of();
            if (common.stream().allMatch(Format::isTelephoneEvent)) {
                answered.add(rejected(m)); // §6: port 0, formats as offered
                continue;
            }
            boolean legacyHold = HOLD_ADDRESS.equals(m.connectionOr(offer.connection()));
            // §6.1: the answer's direction mirrors the offer's (sendonly -> recvonly, ...), narrowed by what we want;
            // §8.4: c=0.0.0.0 means the offerer does not want media, so we do not send
            MediaDirection offered = legacyHold ? m.direction().and(MediaDirection.SENDONLY) : m.direction();
            MediaDirection direction = offered.reversed().and(local.direction());
            answered.add(new MediaDescription("audio", local.port(), m.proto(), common, null, direction, m.rtcpMux(),
                    local.ptime(), local.attributes()));
            chosen = negotiated(m, offer.connection(), common, direction, legacyHold || !m.direction().receives()); // §8.4 hold: sendonly or inactive
        }
        SessionDescription sdp = new SessionDescription(origin, "peerdial", local.address(), List.of(), answered);
        return new Answer(sdp, Optional.ofNullable(chosen));
    }

    /** An answer and, when an audio stream was accepted, what was agreed on it. */
    public record Answer(SessionDescription sdp, Optional<Negotiated> audio) {}

    /**
     * The offerer's side of the exchange (RFC 3264 §7): what {@code answer} agreed to for our audio
     * stream (the first m= line), or empty when it rejected it (port 0) or has no usable codec.
     */
    public static Optional<Negotiated> accept(SessionDescription ourOffer, SessionDescription answer) {
        if (answer.media().isEmpty() || ourOffer.media().isEmpty()) return Optional.empty();
        MediaDescription m = answer.media().get(0);
        if (m.isRejected()) return Optional.empty();
        // the answer's formats are a subset of ours with our numbers; intersect again rather than trust it
        List<Format> common = common(m.formats(), ourOffer.media().get(0).formats());
        if (common.stream().allMatch(Format::isTelephoneEvent)) return Optional.empty();
        boolean legacyHold = HOLD_ADDRESS.equals(m.connectionOr(answer.connection()));
        MediaDirection theirs = legacyHold ? m.direction().and(MediaDirection.SENDONLY) : m.direction();
        MediaDirection direction = theirs.reversed().and(ourOffer.media().get(0).direction());
        // they hold us when they refuse to receive although we offered to send
        boolean remoteHold = legacyHold || (!m.direction().receives() && ourOffer.media().get(0).direction().sends());
        return Optional.of(negotiated(m, answer.connection(), common, direction, remoteHold));
    }

    private static boolean acceptable(MediaDescription m) {
        return !m.isRejected() && m.media().equals("audio") && m.proto().startsWith("RTP/");
    }

    /** Offered formats (in their order, with their numbers) that match a local codec; fmtp: the offered one. */
    private static List<Format> common(List<Format> offered, List<Format> local) {
        List<Format> out = new ArrayList<>();
        for (Format f : offered) {
            if (local.stream().anyMatch(f::sameCodec)) out.add(f);
        }
        return out;
    }

    private static MediaDescription rejected(MediaDescription m) {
        return new MediaDescription(m.media(), 0, m.proto(), m.formats(), null, m.direction(), false, 0, List.of());
    }

    private static Negotiated negotiated(MediaDescription remote, String sessionConnection, List<Format> common,
                                         MediaDirection direction, boolean remoteHold) {
        Format codec = common.stream().filter(f -> !f.isTelephoneEvent()).findFirst().orElseThrow();
        int dtmf = common.stream().filter(Format::isTelephoneEvent).filter(f -> f.clockRate() == codec.clockRate())
                .findFirst().or(() -> common.stream().filter(Format::isTelephoneEvent).findFirst())
                .map(Format::payloadType).orElse(-1);
        return new Negotiated(remote.connectionOr(sessionConnection), remote.port(), codec, dtmf, direction, remoteHold,
                remote.rtcpMux(), remote.ptime(), remote.attributes());
    }

    private static String addressType(String address) {
        return address.indexOf(':') >= 0 ? "IP6" : "IP4";
    }
}
