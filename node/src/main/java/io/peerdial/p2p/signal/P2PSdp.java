package io.peerdial.p2p.signal;

import io.peerdial.node.media.ice.IceAttributeException;
import io.peerdial.node.media.ice.IceCandidateAttribute;
import io.peerdial.node.media.ice.IceDescription;
import io.peerdial.node.media.ice.IceSdpAttributes;
import io.peerdial.node.media.sdp.Attribute;
import io.peerdial.node.media.sdp.MediaDescription;
import io.peerdial.node.media.sdp.SdpException;
import io.peerdial.node.media.sdp.SdpParser;
import io.peerdial.node.media.sdp.SessionDescription;
import io.peerdial.p2p.signal.SignalException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The session description of a P2P session (RFC 8866 SDP, RFC 3264 offer/answer): one
 * {@code m=application PORT UDP/PEERDIAL 1} section whose default address is the highest-priority candidate
 * (RFC 8839 §4.2.1.1; {@code 0.0.0.0 9} when there is none), the RFC 8839 §5 ICE attributes, and the
 * {@link IdentityProof}. The format token {@code 1} is the version of the P2P framing (docs/P2P.md).
 */
public final class P2PSdp {

    public static final String PROTO = "UDP/PEERDIAL";
    public static final String FORMAT = "1";
    private static final Set<String> ICE = Set.of(IceSdpAttributes.UFRAG, IceSdpAttributes.PWD, IceSdpAttributes.OPTIONS,
            IceSdpAttributes.CANDIDATE, IceSdpAttributes.END_OF_CANDIDATES);

    /** A peer's description, decoded; {@code iceAttributes} exactly as received, for the proof. */
    public record Parsed(IceDescription ice, List<IceSdpAttributes.Attribute> iceAttributes, String proof) {
    }

    private P2PSdp() {
    }

    /** Our description: {@code ice} and the proof made over {@link #iceAttributes(IceDescription)}. */
    public static byte[] write(long sessionId, IceDescription ice, String proof) {
        IceCandidateAttribute def = ice.candidates().stream().max(Comparator.comparingLong(IceCandidateAttribute::priority))
                .orElse(null);
        String address = def == null ? "0.0.0.0" : def.address();
        int port = def == null ? 9 : def.port();
        String ipv = address.indexOf(':') >= 0 ? "IP6" : "IP4";
        StringBuilder b = new StringBuilder();
        b.append("v=0\r\n").append("o=- ").append(sessionId).append(" 1 IN ").append(ipv).append(' ').append(address).append("\r\n");
        b.append("s=peerdial-p2p\r\n").append("c=IN ").append(ipv).append(' ').append(address).append("\r\n").append("t=0 0\r\n");
        b.append("m=application ").append(port).append(' ').append(PROTO).append(' ').append(FORMAT).append("\r\n");
        for (IceSdpAttributes.Attribute a : iceAttributes(ice)) {
            b.append("a=").append(a.name());
            if (a.value() != null) {
                b.append(':').append(a.value());
            }
            b.append("\r\n");
        }
        b.append("a=").append(IdentityProof.ATTRIBUTE).append(':').append(proof).append("\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The ICE attributes of {@code ice} in the order they are written (and signed). */
    public static List<IceSdpAttributes.Attribute> iceAttributes(IceDescription ice) {
        return IceSdpAttributes.encode(ice);
    }

    /** Decodes a peer's description (length-limited by the SDP parser); only {@link SignalException} on bad input. */
    public static Parsed parse(byte[] body) throws SignalException {
        SessionDescription sd;
        try {
            sd = SdpParser.parse(body);
        } catch (SdpException e) {
            throw new SignalException(Reason.BAD_SDP, e.getMessage());
        }
        MediaDescription app = sd.media().stream()
                .filter(m -> m.media().equals("application") && m.proto().equals(PROTO) && !m.isRejected())
                .findFirst().orElseThrow(() -> new SignalException(Reason.BAD_SDP, "no live m=application " + PROTO));
        List<IceSdpAttributes.Attribute> ice = new ArrayList<>();
        String proof = null;
        for (Attribute a : app.attributes()) {
            if (ICE.contains(a.name())) {
                ice.add(new IceSdpAttributes.Attribute(a.name(), a.value()));
            } else if (a.name().equals(IdentityProof.ATTRIBUTE)) {
                proof = a.value();
            }
        }
        try {
            return new Parsed(IceSdpAttributes.decode(ice), List.copyOf(ice), proof);
        } catch (IceAttributeException e) {
            throw new SignalException(Reason.BAD_ICE, e.getMessage());
        }
    }
}
