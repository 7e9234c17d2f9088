package io.peerdial.node.media.anchor;

import io.peerdial.node.media.ice.IceAttributeException;
import io.peerdial.node.media.ice.IceCandidateAttribute;
import io.peerdial.node.media.ice.IceDescription;
import io.peerdial.node.media.ice.IceSdpAttributes;
import io.peerdial.node.media.sdp.Attribute;
import io.peerdial.node.media.sdp.MediaDescription;
import io.peerdial.node.media.sdp.Origin;
import io.peerdial.node.media.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SDP rewrites of media anchoring. The node anchors the first audio section: toward the other node
 * it carries the node's ICE description (RFC 8839 §5) with the default candidate in {@code c=}/{@code m=}
 * (§4.2.1.1 of RFC 8839: the highest-priority one) and rtcp-mux (RFC 5761); toward the phone it carries
 * the node's RTP port pair and no ICE at all, so a phone that knows nothing of ICE sees an ordinary
 * call. Other sections are disabled (port 0, RFC 3264 §6): the node anchors audio only. Codecs,
 * payload types, directions and every other attribute pass unchanged. The origin's address is
 * replaced too: a phone's private address means nothing on the other side (issue #4).
 */
public final class AnchorSdp {

    /** Attributes that belong to one hop's transport, never copied across the node. */
    private static final Set<String> HOP_ATTRIBUTES = Set.of(IceSdpAttributes.UFRAG, IceSdpAttributes.PWD,
            IceSdpAttributes.OPTIONS, IceSdpAttributes.CANDIDATE, IceSdpAttributes.END_OF_CANDIDATES, "ice-lite",
            "ice-mismatch", "remote-candidates", "rtcp", "rtcp-mux", "rtcp-rsize");

    private AnchorSdp() {
    }

    /** The phone's media addresses from its SDP: RTP, and RTCP (RFC 3605 {@code a=rtcp}, else port + 1, or RTP with rtcp-mux). */
    public record PhoneMedia(InetSocketAddress rtp, InetSocketAddress rtcp, boolean onHold) {}

    /** Index of the first audio section that is not disabled, or -1. */
    public static int audioIndex(SessionDescription sd) {
        for (int i = 0; i < sd.media().size(); i++) {
            MediaDescription m = sd.media().get(i);
            if (m.media().equals("audio") && !m.isRejected()) return i;
        }
        return -1;
    }

    /**
     * True when the session has no audio section and at least one live {@code m=application} section: a
     * peer-to-peer data session (io.peerdial.p2p) whose endpoints run ICE themselves. The anchor passes such
     * bodies through untouched, so that the ICE checks run end to end between the two endpoints.
     */
    public static boolean isApplicationOnly(SessionDescription sd) {
        boolean application = false;
        for (MediaDescription m : sd.media()) {
            if (m.media().equals("audio")) return false;
            if (m.media().equals("application") && !m.isRejected()) application = true;
        }
        return application;
    }

    /** Where the phone receives; empty when its SDP has no usable audio section. */
    public static Optional<PhoneMedia> phoneMedia(SessionDescription sd) {
        int i = audioIndex(sd);
        if (i < 0) return Optional.empty();
        MediaDescription m = sd.media().get(i);
        String host = m.connectionOr(sd.connection());
        if (host == null) return Optional.empty();
        boolean hold = host.equals("0.0.0.0"); // RFC 3264 §8.4's legacy hold
        InetSocketAddress rtp = new InetSocketAddress(host, m.port());
        if (rtp.isUnresolved()) return Optional.empty();
        InetSocketAddress rtcp = m.rtcpMux() ? rtp : new InetSocketAddress(rtp.getAddress(), rtcpPort(m));
        return Optional.of(new PhoneMedia(rtp, rtcp, hold));
    }

    private static int rtcpPort(MediaDescription m) {
        for (String v : m.attributeValues("rtcp")) {
            String port = v.split(" ", 2)[0];
            try {
                int p = Integer.parseInt(port);
                if (p > 0 && p < 65536) return p;
            } catch (NumberFormatException ignored) {
                // malformed a=rtcp: fall back to the RFC 3550 §11 default
            }
        }
        return m.port() + 1 > 65535 ? m.port() : m.port() + 1;
    }

    /** The ICE description the other node put in its SDP (session-level credentials merged in). */
    public static IceDescription remoteIce(SessionDescription sd) throws IceAttributeException {
        int i = audioIndex(sd);
        List<IceSdpAttributes.Attribute> attrs = new ArrayList<>();
        for (Attribute a : sd.attributes()) attrs.add(new IceSdpAttributes.Attribute(a.name(), a.value()));
        if (i >= 0) {
            for (Attribute a : sd.media().get(i).attributes()) attrs.add(new IceSdpAttributes.Attribute(a.name(), a.value()));
        }
        return IceSdpAttributes.decode(attrs);
    }

    /** The phone's SDP as the other node is to see it: our ICE description, rtcp-mux, our address. */
    public static SessionDescription towardNode(SessionDescription phone, IceDescription local) {
        IceCandidateAttribute def = local.candidates().stream()
                .max(Comparator.comparingLong(IceCandidateAttribute::priority))
                .orElseThrow(() -> new IllegalArgumentException("an ICE description without candidates"));
        List<Attribute> ice = IceSdpAttributes.encode(local).stream()
                .map(a -> new Attribute(a.name(), a.value())).toList();
        return rewrite(phone, def.address(), def.port(), ice, true);
    }

    /** The other node's SDP as the phone is to see it: our RTP port pair on the phone-facing address, no ICE. */
    public static SessionDescription towardPhone(SessionDescription node, InetSocketAddress bridge) {
        return rewrite(node, bridge.getAddress().getHostAddress(), bridge.getPort(), List.of(), false);
    }

    private static SessionDescription rewrite(SessionDescription sd, String address, int port, List<Attribute> extra, boolean mux) {
        int audio = audioIndex(sd);
        List<MediaDescription> media = new ArrayList<>();
        for (int i = 0; i < sd.media().size(); i++) {
            MediaDescription m = sd.media().get(i);
            if (i != audio) {
                media.add(m.withPort(0));
                continue;
            }
            List<Attribute> attrs = new ArrayList<>();
            for (Attribute a : m.attributes()) if (!HOP_ATTRIBUTES.contains(a.name())) attrs.add(a);
            attrs.addAll(extra);
            String connection = sd.connection() != null && sd.connection().equals("0.0.0.0") ? "0.0.0.0" : address;
            if (m.connection() != null && m.connection().equals("0.0.0.0")) connection = "0.0.0.0";
            media.add(new MediaDescription(m.media(), port, m.proto(), m.formats(), connection, m.direction(), mux, m.ptime(), attrs));
        }
        List<Attribute> session = sd.attributes().stream().filter(a -> !HOP_ATTRIBUTES.contains(a.name())).toList();
        Origin o = sd.origin();
        Origin origin = new Origin(o.username(), o.sessionId(), o.version(), address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
        return new SessionDescription(origin, sd.sessionName(), address, session, media);
    }
}
