package io.peerdial.overlay.stun;

import java.util.Arrays;
import java.util.zip.CRC32;

/** Computes and checks FINGERPRINT (RFC 8489 §14.7) on raw message bytes. */
public final class StunFingerprint {
    /** "STUN" in ASCII, XOR-ed into the CRC so that it differs from other protocols' CRCs. */
    static final int XOR = 0x5354554E;
    private static final int ATTRIBUTE_LENGTH = 8;

    private StunFingerprint() {}

    /**
     * Appends FINGERPRINT to an encoded message: the length field first counts the new attribute,
     * then the CRC covers everything before the attribute (RFC 8489 §14.7).
     */
    public static byte[] append(byte[] message) {
        StunIntegrity.checkEncoded(message);
        byte[] out = Arrays.copyOf(message, message.length + ATTRIBUTE_LENGTH);
        StunEncoder.setLength(out, out.length - StunDecoder.HEADER_LENGTH);
        out[message.length] = (byte) (StunAttributeTypes.FINGERPRINT >>> 8);
        out[message.length + 1] = (byte) StunAttributeTypes.FINGERPRINT;
        out[message.length + 3] = 4;
        StunEncoder.writeInt(out, message.length + 4, crc(out, message.length));
        return out;
    }

    /** True if {@code message} ends with a FINGERPRINT that matches its bytes; false for anything else. */
    public static boolean check(byte[] message) {
        int at = RawAttributes.find(message, StunAttributeTypes.FINGERPRINT);
        if (at == RawAttributes.NOT_FOUND || RawAttributes.valueLength(message, at) != 4
                || at + ATTRIBUTE_LENGTH != message.length) {
            return false;
        }
        return StunDecoder.readInt(message, at + 4) == crc(message, at);
    }

    private static int crc(byte[] b, int length) {
        CRC32 crc = new CRC32(); // CRC-32 of ISO 3309 / ITU-T V.42, as RFC 8489 §14.7 names it
        crc.update(b, 0, length);
        return (int) crc.getValue() ^ XOR;
    }
}
