package io.peerdial.node.media.sdp;

import io.peerdial.node.media.sdp.SdpException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses peer SDP (RFC 8866) into a {@link SessionDescription}. Length-limited ({@link #MAX_BYTES},
 * {@link #MAX_MEDIA} sections, {@link #MAX_ATTRIBUTES} attributes per level, {@link #MAX_FORMATS}
 * formats per section); only {@link SdpException} leaves it on bad input. Tolerant as RFC 8866 §5
 * asks: unknown line types and unknown attributes are skipped or kept, LF-only line ends are accepted.
 */
public final class SdpParser {

    public static final int MAX_BYTES = 8 * 1024;
    public static final int MAX_MEDIA = 64;
    public static final int MAX_ATTRIBUTES = 64;
    public static final int MAX_FORMATS = 64;

    private SdpParser() {}

    public static SessionDescription parse(byte[] bytes) throws SdpException {
        if (bytes.length > MAX_BYTES) throw new SdpException(Reason.TOO_LARGE, bytes.length + " bytes > " + MAX_BYTES);
        String text;
        try { // RFC 8866 §5: UTF-8 (a=charset aside, which nobody uses for RTP sessions)
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SdpException(Reason.BAD_ENCODING, "not UTF-8");
        }
        return parse(text);
    }

    public static SessionDescription parse(String text) throws SdpException {
        if (text.length() > MAX_BYTES) throw new SdpException(Reason.TOO_LARGE, text.length() + " chars > " + MAX_BYTES);
        List<String> lines = lines(text);
        if (lines.isEmpty() || !lines.get(0).startsWith("v=")) throw new SdpException(Reason.MISSING_VERSION, "first line is not v=");
        if (!lines.get(0).equals("v=0")) throw new SdpException(Reason.BAD_VERSION, lines.get(0));
        Origin origin = null;
        String sessionName = "-";
        String sessionConnection = null;
        MediaDirection sessionDirection = null;
        List<Attribute> sessionAttributes = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        Section current = null;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) continue; // a trailing blank line is common; tolerate
            if (line.length() < 2 || line.charAt(1) != '=') throw new SdpException(Reason.BAD_LINE, "line " + (i + 1) + " is not <type>=<value>");
            char type = line.charAt(0);
            String value = line.substring(2);
            switch (type) {
                case 'o' -> {
                    if (current == null) origin = origin(value);
                }
                case 's' -> {
                    if (current == null && !value.isEmpty()) sessionName = value;
                }
                case 'c' -> {
                    String address = connection(value);
                    if (current == null) sessionConnection = address; else current.connection = address;
                }
                case 'm' -> {
                    if (sections.size() >= MAX_MEDIA) throw new SdpException(Reason.TOO_MANY_MEDIA, "more than " + MAX_MEDIA);
                    current = media(value);
                    sections.add(current);
                }
                case 'a' -> {
                    int colon = value.indexOf(':');
                    String name = colon < 0 ? value : value.substring(0, colon);
                    String attrValue = colon < 0 ? null : value.substring(colon + 1);
                    if (name.isEmpty() || !SdpText.isToken(name)) continue; // RFC 8866 §5.13: ignore what we cannot read
                    if (current == null) {
                        MediaDirection d = MediaDirection.fromAttribute(name);
                        if (d != null) {
                            sessionDirection = d;
                        } else {
                            if (sessionAttributes.size() >= MAX_ATTRIBUTES) throw tooMany("session");
                            sessionAttributes.add(new Attribute(name, attrValue));
                        }
                    } else {
                        current.attribute(name, attrValue);
                    }
                }
                default -> { } // v (again), i, u, e, p, b, t, r, z, k and unknown types: skipped
            }
        }
        if (origin == null) throw new SdpException(Reason.MISSING_ORIGIN, "no o= line");
        List<MediaDescription> media = new ArrayList<>(sections.size());
        for (Section s : sections) media.add(s.build(sessionDirection));
        return new SessionDescription(origin, sessionName, sessionConnection, sessionAttributes, media);
    }

    private static List<String> lines(String text) throws SdpException {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            if (line.indexOf('\r') >= 0 || line.indexOf(0) >= 0) throw new SdpException(Reason.BAD_LINE, "stray CR or NUL");
            out.add(line);
            start = end + 1;
        }
        return out;
    }

    private static Origin origin(String value) throws SdpException {
        String[] f = value.split(" ", -1);
        if (f.length != 6 || !f[3].equals("IN")) throw new SdpException(Reason.BAD_ORIGIN, "o= needs 6 fields, nettype IN");
        long id = digits(f[1], Reason.BAD_ORIGIN);
        long version = digits(f[2], Reason.BAD_ORIGIN);
        for (String s : new String[] {f[0], f[4], f[5]}) if (!SdpText.isField(s)) throw new SdpException(Reason.BAD_ORIGIN, "empty field");
        return new Origin(f[0], id, version, f[4], f[5]);
    }

    private static String connection(String value) throws SdpException {
        String[] f = value.split(" ", -1);
        if (f.length != 3 || !f[0].equals("IN") || !(f[1].equals("IP4") || f[1].equals("IP6"))) {
            throw new SdpException(Reason.BAD_CONNECTION, "c= needs IN IP4|IP6 <address>");
        }
        int slash = f[2].indexOf('/'); // multicast TTL / count (RFC 8866 §5.7): not ours to use
        String address = slash < 0 ? f[2] : f[2].substring(0, slash);
        if (!SdpText.isField(address)) throw new SdpException(Reason.BAD_CONNECTION, "empty address");
        return address;
    }

    private static Section media(String value) throws SdpException {
        String[] f = value.split(" ", -1);
        if (f.length < 4) throw new SdpException(Reason.BAD_MEDIA, "m= needs media, port, proto and a format");
        if (f.length - 3 > MAX_FORMATS) throw new SdpException(Reason.TOO_MANY_FORMATS, "more than " + MAX_FORMATS);
        String port = f[1];
        int slash = port.indexOf('/'); // <port>/<number of ports>: we use the first
        if (slash >= 0) port = port.substring(0, slash);
        long p = digits(port, Reason.BAD_PORT);
        if (p > 65535) throw new SdpException(Reason.BAD_PORT, port);
        if (!SdpText.isField(f[0]) || !SdpText.isField(f[2])) throw new SdpException(Reason.BAD_MEDIA, "empty media or proto");
        Section s = new Section(f[0], (int) p, f[2]);
        for (int i = 3; i < f.length; i++) {
            if (!f[i].isEmpty()) s.formats.put(payloadType(f[i], Reason.BAD_MEDIA), null);
        }
        if (s.formats.isEmpty()) throw new SdpException(Reason.BAD_MEDIA, "no format");
        return s;
    }

    static int payloadType(String s, Reason reason) throws SdpException {
        long pt = digits(s, reason);
        if (pt > 127) throw new SdpException(reason, "payload type " + s + " > 127");
        return (int) pt;
    }

    private static long digits(String s, Reason reason) throws SdpException {
        if (s.isEmpty() || s.length() > 18) throw new SdpException(reason, "not a number: '" + s + "'");
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') throw new SdpException(reason, "not a number: '" + s + "'");
        }
        return Long.parseLong(s);
    }

    private static SdpException tooMany(String where) {
        return new SdpException(Reason.TOO_MANY_ATTRIBUTES, "more than " + MAX_ATTRIBUTES + " attributes at " + where + " level");
    }

    /** A media section being read. */
    private static final class Section {
        final String media;
        final int port;
        final String proto;
        final Map<Integer, Format> formats = new LinkedHashMap<>();
        final Map<Integer, String> fmtp = new LinkedHashMap<>();
        final List<Attribute> attributes = new ArrayList<>();
        String connection;
        MediaDirection direction;
        boolean rtcpMux;
        int ptime;
        int count;

        Section(String media, int port, String proto) {
            this.media = media;
            this.port = port;
            this.proto = proto;
        }

        void attribute(String name, String value) throws SdpException {
            if (++count > MAX_ATTRIBUTES) throw tooMany("media");
            MediaDirection d = MediaDirection.fromAttribute(name);
            if (d != null) {
                direction = d;
                return;
            }
            switch (name) {
                case "rtpmap" -> rtpmap(value);
                case "fmtp" -> fmtp(value);
                case "rtcp-mux" -> rtcpMux = true;
                case "ptime" -> {
                    long ms = digits(value == null ? "" : value.strip(), Reason.BAD_PTIME);
                    if (ms == 0 || ms > 10_000) throw new SdpException(Reason.BAD_PTIME, value);
                    ptime = (int) ms;
                }
                default -> attributes.add(new Attribute(name, value));
            }
        }

        private void rtpmap(String value) throws SdpException {
            // RFC 8866 §6.6: a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]
            if (value == null) throw new SdpException(Reason.BAD_RTPMAP, "no value");
            int sp = value.indexOf(' ');
            if (sp < 0) throw new SdpException(Reason.BAD_RTPMAP, value);
            int pt = payloadType(value.substring(0, sp), Reason.BAD_RTPMAP);
            String[] parts = value.substring(sp + 1).strip().split("/", -1);
            if (parts.length < 2 || parts.length > 3 || !SdpText.isField(parts[0])) throw new SdpException(Reason.BAD_RTPMAP, value);
            long rate = digits(parts[1], Reason.BAD_RTPMAP);
            long channels = parts.length == 3 ? digits(parts[2], Reason.BAD_RTPMAP) : 1;
            if (rate == 0 || rate > 10_000_000 || channels == 0 || channels > 255) throw new SdpException(Reason.BAD_RTPMAP, value);
            if (formats.containsKey(pt)) formats.put(pt, new Format(pt, parts[0], (int) rate, (int) channels));
            // an rtpmap for a payload type the m= line does not list is meaningless: ignored
        }

        private void fmtp(String value) throws SdpException {
            if (value == null) throw new SdpException(Reason.BAD_FMTP, "no value");
            int sp = value.indexOf(' ');
            if (sp < 0) throw new SdpException(Reason.BAD_FMTP, value);
            int pt = payloadType(value.substring(0, sp), Reason.BAD_FMTP);
            String params = value.substring(sp + 1).strip();
            if (params.isEmpty()) throw new SdpException(Reason.BAD_FMTP, value);
            fmtp.put(pt, params);
        }

        MediaDescription build(MediaDirection sessionDirection) throws SdpException {
            List<Format> list = new ArrayList<>(formats.size());
            for (Map.Entry<Integer, Format> e : formats.entrySet()) {
                Format f = e.getValue() != null ? e.getValue() : Format.staticType(e.getKey());
                if (f == null) { // RFC 8866 §6.6: a dynamic type without rtpmap cannot be used
                    if (!proto.startsWith("RTP/")) f = new Format(e.getKey(), "unknown", 90000, 1);
                    else throw new SdpException(Reason.BAD_RTPMAP, "payload type " + e.getKey() + " has no rtpmap");
                }
                String params = fmtp.get(e.getKey());
                list.add(params == null ? f : f.withFmtp(params));
            }
            MediaDirection d = direction != null ? direction : sessionDirection != null ? sessionDirection : MediaDirection.SENDRECV;
            return new MediaDescription(media, port, proto, list, connection, d, rtcpMux, ptime, attributes);
        }
    }
}
