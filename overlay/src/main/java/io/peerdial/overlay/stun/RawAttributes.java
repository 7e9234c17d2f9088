package io.peerdial.overlay.stun;

/**
 * Walks the attribute TLVs of raw bytes without decoding them, for the checks that must run on
 * the bytes as received (MESSAGE-INTEGRITY, FINGERPRINT). Never throws on any input.
 */
final class RawAttributes {
    static final int NOT_FOUND = -1;

    private RawAttributes() {}

    /**
     * Offset of the first attribute of {@code type}, or {@link #NOT_FOUND} if there is none or the
     * framing is broken before it. The header must carry the cookie and a length equal to the rest.
     */
    static int find(byte[] b, int type) {
        if (b.length < StunDecoder.HEADER_LENGTH || StunDecoder.readInt(b, 4) != StunDecoder.MAGIC_COOKIE
                || StunDecoder.readShort(b, 2) != b.length - StunDecoder.HEADER_LENGTH) {
            return NOT_FOUND;
        }
        int pos = StunDecoder.HEADER_LENGTH;
        while (b.length - pos >= 4) {
            int padded = (StunDecoder.readShort(b, pos + 2) + 3) & ~3;
            if (padded > b.length - pos - 4) {
                return NOT_FOUND;
            }
            if (StunDecoder.readShort(b, pos) == type) {
                return pos;
            }
            pos += 4 + padded;
        }
        return NOT_FOUND;
    }

    static int valueLength(byte[] b, int attributeOffset) {
        return StunDecoder.readShort(b, attributeOffset + 2);
    }
}
