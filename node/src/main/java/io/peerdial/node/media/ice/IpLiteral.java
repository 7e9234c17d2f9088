package io.peerdial.node.media.ice;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP literals from peer input, parsed without ever asking DNS (peers must not make us resolve names). */
final class IpLiteral {

    private static final int MAX_IPV6_TEXT = 45;

    private IpLiteral() {
    }

    /** The address written as dotted-quad IPv4 or as IPv6 text (RFC 4291 §2.2, no zone), or null. */
    static InetAddress parse(String s) {
        byte[] v4 = ipv4(s);
        try {
            if (v4 != null) {
                return InetAddress.getByAddress(v4);
            }
            if (s.length() <= MAX_IPV6_TEXT && s.indexOf(':') >= 0 && ipv6Chars(s)) {
                // with a ':' the JDK parses a literal or fails; it does not fall back to DNS
                return InetAddress.getByName(s);
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    private static byte[] ipv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i == s.length() ? '.' : s.charAt(i);
            if (c == '.') {
                if (value < 0 || part == 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static boolean ipv6Chars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
