package io.peerdial.location.binding;

import io.peerdial.location.entry.EntryFormatException;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A normalised SIP address-of-record {@code sip:user@host[:port]}, compared as RFC 3261 §19.1.4
 * says: the user part is case-sensitive (escapes normalised: an escaped character that may appear
 * literally is decoded, other escapes use upper-case hex), the host is case-insensitive (kept in
 * lower case), the default port 5060 is dropped, URI parameters and headers are not part of an AOR.
 * Hosts are DNS names or IPv4 addresses; IPv6 references are refused (no canonical form is fixed).
 *
 * <p>Self-certifying AORs have the host {@code FINGERPRINT.peerdial} (see {@link OwnerKey#fingerprint()});
 * the TLD {@code peerdial} is reserved for them.
 */
public final class Aor implements Comparable<Aor> {

    public static final int MAX_BYTES = 255;
    public static final String SELF_CERTIFYING_TLD = "peerdial";
    private static final int DEFAULT_PORT = 5060;
    // RFC 3261 §25.1: unreserved = alphanum / mark; user-unreserved
    private static final String MARK = "-_.!~*'()";
    private static final String USER_UNRESERVED = "&=+$,;?/";

    private final String user;
    private final String host;
    private final int port; // 0: default port
    private final String text;

    private Aor(String user, String host, int port) {
        this.user = user;
        this.host = host;
        this.port = port;
        this.text = "sip:" + user + "@" + host + (port == 0 ? "" : ":" + port);
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("AOR longer than " + MAX_BYTES + " bytes");
        }
    }

    /**
     * Parses and normalises user input: {@code sip:user@host[:port][;params][?headers]}, the scheme
     * optional and case-insensitive. Throws {@link IllegalArgumentException} naming what is wrong.
     */
    public static Aor parse(String input) {
        String s = input.strip();
        int colon = s.indexOf(':');
        int at = s.indexOf('@');
        if (colon >= 0 && (at < 0 || colon < at)) {
            String scheme = s.substring(0, colon);
            if (!scheme.equalsIgnoreCase("sip")) {
                throw new IllegalArgumentException("not a sip: AOR (scheme '" + scheme + "'): " + input);
            }
            s = s.substring(colon + 1);
            at = s.indexOf('@');
        }
        if (at <= 0) throw new IllegalArgumentException("an AOR needs user@host: " + input);
        String user = normaliseUser(s.substring(0, at), input);
        String hostPort = s.substring(at + 1);
        int end = indexOfAny(hostPort, ";?");
        if (end >= 0) hostPort = hostPort.substring(0, end); // RFC 3261 §10.3 step 5: AOR without params
        if (hostPort.startsWith("[")) throw new IllegalArgumentException("IPv6 hosts are not supported in AORs: " + input);
        String host = hostPort;
        int port = 0;
        int portColon = hostPort.lastIndexOf(':');
        if (portColon >= 0) {
            host = hostPort.substring(0, portColon);
            port = parsePort(hostPort.substring(portColon + 1), input);
        }
        host = normaliseHost(host, input);
        return new Aor(user, host, port == DEFAULT_PORT ? 0 : port);
    }

    /** Parses an AOR from a peer: it must already be in normalised form (canonical encoding). */
    public static Aor fromWire(String text) throws EntryFormatException {
        Aor aor;
        try {
            aor = parse(text);
        } catch (IllegalArgumentException e) {
            throw new EntryFormatException(EntryFormatException.Reason.BAD_AOR, e.getMessage());
        }
        if (!aor.text.equals(text)) {
            throw new EntryFormatException(EntryFormatException.Reason.BAD_AOR, "'" + text + "' is not normalised ('" + aor.text + "')");
        }
        return aor;
    }

    /** The self-certifying AOR {@code sip:name@FINGERPRINT.peerdial} of {@code owner}. */
    public static Aor selfCertifying(String name, OwnerKey owner) {
        return parse("sip:" + name + "@" + owner.fingerprint() + "." + SELF_CERTIFYING_TLD);
    }

    public String user() {
        return user;
    }

    public String host() {
        return host;
    }

    /** The port, 5060 when none was given. */
    public int port() {
        return port == 0 ? DEFAULT_PORT : port;
    }

    /** The fingerprint of the only owner allowed to publish under this AOR, if self-certifying. */
    public Optional<String> selfCertifyingFingerprint() {
        return host.endsWith("." + SELF_CERTIFYING_TLD)
                ? Optional.of(host.substring(0, host.length() - SELF_CERTIFYING_TLD.length() - 1))
                : Optional.empty();
    }

    /** True if {@code owner} may publish under this self-certifying AOR; false for human AORs. */
    public boolean isCertifiedBy(OwnerKey owner) {
        return selfCertifyingFingerprint().map(f -> f.equals(owner.fingerprint())).orElse(false);
    }

    /** DHT key of this AOR: first 160 bits of SHA-256("sip:" + normalised AOR) (ARCHITECTURE.md). */
    public NodeId dhtKey() {
        return NodeId.sha256Prefix(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Orders by normalised text (pins file order). */
    @Override
    public int compareTo(Aor o) {
        return text.compareTo(o.text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Aor a && a.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The normalised form, {@code sip:user@host[:port]}. */
    @Override
    public String toString() {
        return text;
    }

    private static String normaliseUser(String user, String input) {
        StringBuilder out = new StringBuilder(user.length());
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c == '%') { // RFC 3261 §19.1.4: escaped and unescaped forms compare equal
                if (i + 2 >= user.length() || hex(user.charAt(i + 1)) < 0 || hex(user.charAt(i + 2)) < 0) {
                    throw new IllegalArgumentException("bad %-escape in user part: " + input);
                }
                char decoded = (char) (hex(user.charAt(i + 1)) * 16 + hex(user.charAt(i + 2)));
                if (decoded != 0 && isUserChar(decoded)) {
                    out.append(decoded);
                } else {
                    out.append('%').append(user.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                }
                i += 2;
            } else if (isUserChar(c)) {
                out.append(c);
            } else {
                throw new IllegalArgumentException("character '" + c + "' not allowed in the user part (escape it): " + input);
            }
        }
        return out.toString();
    }

    private static boolean isUserChar(char c) {
        return isAlphaNum(c) || MARK.indexOf(c) >= 0 || USER_UNRESERVED.indexOf(c) >= 0;
    }

    private static boolean isAlphaNum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }

    private static int parsePort(String p, String input) {
        if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException("bad port '" + p + "': " + input);
        }
        int port = Integer.parseInt(p);
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " out of range: " + input);
        return port;
    }

    private static String normaliseHost(String host, String input) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.isEmpty() || h.length() > 253) throw new IllegalArgumentException("bad host length: " + input);
        String[] labels = h.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(ch -> isAlphaNum((char) ch) || ch == '-')) {
                throw new IllegalArgumentException("bad host '" + host + "' (RFC 3261 §25.1 hostname or IPv4address): " + input);
            }
        }
        String tld = labels[labels.length - 1];
        if (tld.equals(SELF_CERTIFYING_TLD)) {
            if (labels.length != 2 || !isFingerprint(labels[0])) {
                throw new IllegalArgumentException("a ." + SELF_CERTIFYING_TLD + " host must be a 32-character base32 key fingerprint: " + input);
            }
        } else if (tld.chars().allMatch(Character::isDigit)) {
            if (labels.length != 4) throw new IllegalArgumentException("bad IPv4 address '" + host + "': " + input);
            for (String label : labels) {
                if (label.length() > 3 || Integer.parseInt(label) > 255 || (label.length() > 1 && label.startsWith("0"))) {
                    throw new IllegalArgumentException("bad IPv4 address '" + host + "': " + input);
                }
            }
        }
        return h;
    }

    private static boolean isFingerprint(String label) {
        return label.length() == OwnerKey.FINGERPRINT_CHARS
                && label.chars().allMatch(ch -> (ch >= 'a' && ch <= 'z') || (ch >= '2' && ch <= '7'));
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return i;
        return -1;
    }
}
