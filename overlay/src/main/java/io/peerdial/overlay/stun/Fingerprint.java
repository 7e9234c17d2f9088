package io.peerdial.overlay.stun;

/**
 * FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message before it, XOR 0x5354554e, as received.
 * Compute or verify it with {@link StunFingerprint}.
 */
public record Fingerprint(int crc) implements StunAttribute {

    static Fingerprint decode(byte[] value, TransactionId transactionId) throws StunException {
        if (value.length != 4) {
            throw new StunException(StunException.Reason.BAD_ATTRIBUTE, "FINGERPRINT of " + value.length + " bytes");
        }
        return new Fingerprint(((value[0] & 0xFF) << 24) | ((value[1] & 0xFF) << 16) | ((value[2] & 0xFF) << 8) | (value[3] & 0xFF));
    }

    @Override
    public int type() {
        return StunAttributeTypes.FINGERPRINT;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return new byte[] {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc};
    }
}
