package io.peerdial.node.media.sdp;

/** Writes a {@link SessionDescription} in the line order of RFC 8866 §5, each line ended by CRLF. */
public final class SdpWriter {
    private static final String CRLF = "\r\n";

    private SdpWriter() {}

    public static String write(SessionDescription sd) {
        StringBuilder b = new StringBuilder(512);
        Origin o = sd.origin();
        line(b, "v=0");
        line(b, "o=" + o.username() + " " + o.sessionId() + " " + o.version() + " IN " + o.addressType() + " " + o.address());
        line(b, "s=" + sd.sessionName());
        if (sd.connection() != null) line(b, connection(sd.connection()));
        line(b, "t=0 0");
        for (Attribute a : sd.attributes()) line(b, "a=" + a);
        for (MediaDescription m : sd.media()) {
            StringBuilder ml = new StringBuilder("m=").append(m.media()).append(' ').append(m.port()).append(' ').append(m.proto());
            for (Format f : m.formats()) ml.append(' ').append(f.payloadType());
            line(b, ml.toString());
            if (m.connection() != null) line(b, connection(m.connection()));
            for (Format f : m.formats()) {
                line(b, "a=rtpmap:" + f.rtpmap());
                if (f.fmtp() != null) line(b, "a=fmtp:" + f.payloadType() + " " + f.fmtp());
            }
            if (m.ptime() > 0) line(b, "a=ptime:" + m.ptime());
            if (m.rtcpMux()) line(b, "a=rtcp-mux");
            for (Attribute a : m.attributes()) line(b, "a=" + a);
            line(b, "a=" + m.direction().attributeName());
        }
        return b.toString();
    }

    private static String connection(String address) {
        return "c=IN " + (address.indexOf(':') >= 0 ? "IP6 " : "IP4 ") + address;
    }

    private static void line(StringBuilder b, String s) {
        b.append(s).append(CRLF);
    }
}
