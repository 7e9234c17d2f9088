package io.peerdial.node.media.ice;

import io.peerdial.node.media.ice.IceAttributeException.Reason;
import io.peerdial.node.media.ice.IceCandidateAttribute.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Codec between {@link IceDescription} and SDP attribute (name, value) pairs, RFC 8839 §5. Works on
 * plain pairs so that any SDP model can carry them: the caller passes the attributes of one media
 * section (plus session-level ice-ufrag/ice-pwd/ice-options, which §5.4 allows there) and gets them
 * back in the same shape. Attributes that are not ICE's are ignored on decode.
 *
 * <p>Every decode is length-limited and throws only {@link IceAttributeException} on peer input.
 */
public final class IceSdpAttributes {

    /** One SDP attribute: {@code a=name:value}, or {@code a=name} when {@code value} is null. */
    public record Attribute(String name, String value) {
        public Attribute {
            Objects.requireNonNull(name);
        }
    }

    public static final String UFRAG = "ice-ufrag";
    public static final String PWD = "ice-pwd";
    public static final String OPTIONS = "ice-options";
    public static final String CANDIDATE = "candidate";
    public static final String END_OF_CANDIDATES = "end-of-candidates";

    /** Our limits on peer input (generous for one audio stream, small enough to bound work). */
    public static final int MAX_ATTRIBUTES = 512;
    public static final int MAX_CANDIDATES = 64;
    public static final int MAX_VALUE_LENGTH = 1024;
    public static final int MAX_EXTENSIONS = 16;
    public static final int MAX_OPTIONS = 16;
    private static final int MAX_FQDN = 255;

    private IceSdpAttributes() {
    }

    /** The attributes of {@code d}, in the order RFC 8839 §5 examples use. */
    public static List<Attribute> encode(IceDescription d) {
        List<Attribute> out = new ArrayList<>();
        out.add(new Attribute(UFRAG, d.ufrag()));
        out.add(new Attribute(PWD, d.pwd()));
        if (!d.options().isEmpty()) {
            out.add(new Attribute(OPTIONS, String.join(" ", d.options())));
        }
        for (IceCandidateAttribute c : d.candidates()) {
            out.add(new Attribute(CANDIDATE, formatCandidate(c)));
        }
        if (d.endOfCandidates()) {
            out.add(new Attribute(END_OF_CANDIDATES, null));
        }
        return out;
    }

    /**
     * The ICE description in {@code attributes}. Candidates with a transport or type we do not know
     * are skipped, as RFC 8839 §5.1 asks; anything else malformed fails the whole description.
     */
    public static IceDescription decode(List<Attribute> attributes) throws IceAttributeException {
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IceAttributeException(Reason.TOO_LONG, attributes.size() + " attributes");
        }
        String ufrag = null;
        String pwd = null;
        List<String> options = null;
        List<IceCandidateAttribute> candidates = new ArrayList<>();
        boolean end = false;
        int candidateLines = 0;
        for (Attribute a : attributes) {
            String value = a.value() == null ? "" : a.value();
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new IceAttributeException(Reason.TOO_LONG, a.name() + " value of " + value.length() + " chars");
            }
            switch (a.name()) {
                case UFRAG -> ufrag = single(ufrag, credential(value, 4, "ice-ufrag"), UFRAG); // RFC 8839 §5.4: 4*256ice-char
                case PWD -> pwd = single(pwd, credential(value, 22, "ice-pwd"), PWD); // §5.4: 22*256ice-char
                case OPTIONS -> options = single(options, options(value), OPTIONS);
                case CANDIDATE -> {
                    if (++candidateLines > MAX_CANDIDATES) {
                        throw new IceAttributeException(Reason.TOO_LONG, "more than " + MAX_CANDIDATES + " candidates");
                    }
                    try {
                        candidates.add(parseCandidate(value));
                    } catch (IceAttributeException e) {
                        if (!e.ignorable()) {
                            throw e;
                        }
                    }
                }
                case END_OF_CANDIDATES -> {
                    if (!value.isEmpty()) { // RFC 8839 §5.5: a property attribute without value
                        throw new IceAttributeException(Reason.BAD_END_OF_CANDIDATES, "has a value");
                    }
                    end = true;
                }
                default -> { } // not ours (rtpmap, rtcp-mux, ...)
            }
        }
        if (ufrag == null || pwd == null) {
            throw new IceAttributeException(Reason.BAD_CREDENTIALS, "ice-ufrag or ice-pwd missing");
        }
        return new IceDescription(ufrag, pwd, candidates, end, options == null ? List.of() : options);
    }

    /** The value of an {@code a=candidate} line (without the "candidate:" prefix). */
    public static String formatCandidate(IceCandidateAttribute c) {
        StringBuilder b = new StringBuilder(96)
                .append(c.foundation()).append(' ').append(c.componentId()).append(' ').append(c.transport())
                .append(' ').append(c.priority()).append(' ').append(c.address()).append(' ').append(c.port())
                .append(" typ ").append(c.type().token());
        if (c.hasRelatedAddress()) {
            b.append(" raddr ").append(c.relatedAddress()).append(" rport ").append(c.relatedPort());
        }
        for (Extension e : c.extensions()) {
            b.append(' ').append(e.name()).append(' ').append(e.value());
        }
        return b.toString();
    }

    /**
     * Parses the value of an {@code a=candidate} line, RFC 8839 §5.1:
     * {@code foundation SP component-id SP transport SP priority SP connection-address SP port
     * SP "typ" SP cand-type [SP "raddr" SP connection-address SP "rport" SP port] *(SP cand-extension)}.
     */
    public static IceCandidateAttribute parseCandidate(String value) throws IceAttributeException {
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IceAttributeException(Reason.TOO_LONG, "candidate of " + value.length() + " chars");
        }
        String[] f = value.split(" ", -1);
        if (f.length < 8 || f.length > 12 + 2 * MAX_EXTENSIONS) {
            throw new IceAttributeException(Reason.MALFORMED_CANDIDATE, f.length + " fields");
        }
        for (String field : f) {
            if (field.isEmpty()) {
                throw new IceAttributeException(Reason.MALFORMED_CANDIDATE, "empty field (double or edge space)");
            }
        }
        String foundation = f[0];
        if (foundation.length() > 32 || !iceChars(foundation)) { // foundation = 1*32ice-char
            throw new IceAttributeException(Reason.BAD_FOUNDATION, "foundation " + foundation.length() + " chars");
        }
        int componentId = (int) digits(f[1], 3, Reason.BAD_COMPONENT_ID);
        if (componentId < 1 || componentId > 256) { // RFC 8445 §5.1.2.1: 1..256
            throw new IceAttributeException(Reason.BAD_COMPONENT_ID, "component " + componentId);
        }
        String transport = f[2];
        if (!token(transport)) {
            throw new IceAttributeException(Reason.MALFORMED_CANDIDATE, "transport is not a token");
        }
        long priority = digits(f[3], 10, Reason.BAD_PRIORITY);
        if (priority < 1 || priority > 0x7FFF_FFFFL) { // RFC 8445 §5.1.2.1: 1..2^31-1
            throw new IceAttributeException(Reason.BAD_PRIORITY, "priority " + priority);
        }
        String address = connectionAddress(f[4]);
        int port = port(f[5]);
        if (!f[6].equalsIgnoreCase("typ")) { // ABNF literals are case-insensitive (RFC 5234 §2.3)
            throw new IceAttributeException(Reason.MALFORMED_CANDIDATE, "expected typ");
        }
        if (!token(f[7])) {
            throw new IceAttributeException(Reason.MALFORMED_CANDIDATE, "cand-type is not a token");
        }
        CandidateKind type = CandidateKind.ofToken(f[7].toLowerCase(Locale.ROOT));
        int i = 8;
        String relatedAddress = null;
        int relatedPort = -1;
        if (i < f.length && f[i].equalsIgnoreCase("raddr")) {
            if (i + 3 >= f.length || !f[i + 2].equalsIgnoreCase("rport")) {
                throw new IceAttributeException(Reason.MALFORMED_CANDIDATE, "raddr without rport");
            }
            relatedAddress = connectionAddress(f[i + 1]);
            relatedPort = port(f[i + 3]);
            i += 4;
        }
        if ((f.length - i) % 2 != 0) {
            throw new IceAttributeException(Reason.MALFORMED_CANDIDATE, "extension name without value");
        }
        List<Extension> extensions = new ArrayList<>();
        for (; i < f.length; i += 2) {
            if (extensions.size() == MAX_EXTENSIONS) {
                throw new IceAttributeException(Reason.TOO_LONG, "more than " + MAX_EXTENSIONS + " extensions");
            }
            // extension-att-name = token; extension-att-value = *VCHAR (RFC 8839 §5.1)
            if (!token(f[i]) || !vchars(f[i + 1]) || f[i].equalsIgnoreCase("raddr") || f[i].equalsIgnoreCase("rport")) {
                throw new IceAttributeException(Reason.MALFORMED_CANDIDATE, "bad extension");
            }
            extensions.add(new Extension(f[i], f[i + 1]));
        }
        // checked last so that a malformed line is reported as such, not as merely unknown
        if (!transport.equalsIgnoreCase("UDP")) {
            throw new IceAttributeException(Reason.UNSUPPORTED_TRANSPORT, "transport " + transport);
        }
        if (type == null) {
            throw new IceAttributeException(Reason.UNKNOWN_TYPE, "type " + f[7]);
        }
        return new IceCandidateAttribute(foundation, componentId, transport, priority, address, port, type,
                relatedAddress, relatedPort, extensions);
    }

    private static <T> T single(T previous, T value, String name) throws IceAttributeException {
        if (previous != null) {
            throw new IceAttributeException(Reason.DUPLICATE_ATTRIBUTE, name);
        }
        return value;
    }

    private static String credential(String value, int min, String name) throws IceAttributeException {
        if (value.length() < min || value.length() > 256 || !iceChars(value)) {
            throw new IceAttributeException(Reason.BAD_CREDENTIALS, name + " of " + value.length() + " chars");
        }
        return value;
    }

    /** ice-options = ice-option-tag *(SP ice-option-tag); ice-option-tag = 1*ice-char (RFC 8839 §5.6). */
    private static List<String> options(String value) throws IceAttributeException {
        String[] tags = value.split(" ", -1);
        if (tags.length > MAX_OPTIONS) {
            throw new IceAttributeException(Reason.TOO_LONG, tags.length + " ice-options");
        }
        for (String t : tags) {
            if (t.isEmpty() || !iceChars(t)) {
                throw new IceAttributeException(Reason.BAD_OPTIONS, "bad ice-option-tag");
            }
        }
        return List.of(tags);
    }

    private static long digits(String s, int maxDigits, Reason reason) throws IceAttributeException {
        if (s.length() > maxDigits) {
            throw new IceAttributeException(reason, s.length() + " digits");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IceAttributeException(reason, "not a number");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int port(String s) throws IceAttributeException {
        long p = digits(s, 5, Reason.BAD_PORT);
        if (p > 65535) {
            throw new IceAttributeException(Reason.BAD_PORT, "port " + p);
        }
        return (int) p;
    }

    /** connection-address (RFC 8839 §5.1 via RFC 4566): an IPv4 or IPv6 literal, or an FQDN. */
    private static String connectionAddress(String s) throws IceAttributeException {
        if (IpLiteral.parse(s) != null) {
            return s;
        }
        if (s.length() <= MAX_FQDN && !s.contains(":") && fqdnChars(s)) {
            return s;
        }
        throw new IceAttributeException(Reason.BAD_ADDRESS, "not an IP literal or FQDN");
    }

    private static boolean iceChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** Hostname syntax (RFC 1123 §2.1): labels of 1..63 letters, digits and '-', top label not all-numeric. */
    private static boolean fqdnChars(String s) {
        String[] labels = s.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false; // a mistyped IPv4 address, not a name
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** token (RFC 4566 §9): %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E. */
    private static boolean token(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                    || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
            if (!ok) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static boolean vchars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
