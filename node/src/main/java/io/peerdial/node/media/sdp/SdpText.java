package io.peerdial.node.media.sdp;

/** Character rules shared by the model's checks and the parser. */
final class SdpText {
    private SdpText() {}

    /** RFC 8866 §9 token-char: visible ASCII except a few separators. */
    static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) return false;
        }
        return true;
    }

    /** A value that can sit on one SDP line: no CR, LF or NUL (RFC 8866 §9 byte-string). */
    static boolean isLineSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) return false;
        }
        return true;
    }

    /** One or more non-blank, visible characters with no space: a field of o=, c=, m=. */
    static boolean isField(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c == 0x7f) return false;
        }
        return true;
    }
}
