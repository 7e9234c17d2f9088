package io.peerdial.overlay.stun;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Writes a {@link StunMessage} to bytes (RFC 8489 §5, §14), attributes in list order, each value
 * padded to 4 bytes. MESSAGE-INTEGRITY and FINGERPRINT records in the list are written as they
 * are (useful to re-encode a received message); to compute them, encode the message without them
 * and append them with {@link StunIntegrity} and {@link StunFingerprint}.
 *
 * <p>Padding bytes are zero, as RFC 8489 §14 asks of senders. A different padding byte exists only
 * to reproduce foreign bytes exactly, e.g. the RFC 5769 vectors, which pad with 0x20.
 */
public final class StunEncoder {
    private static final StunEncoder ZERO_PADDING = new StunEncoder((byte) 0);

    private final byte padding;

    private StunEncoder(byte padding) {
        this.padding = padding;
    }

    public static StunEncoder standard() {
        return ZERO_PADDING;
    }

    /** An encoder that pads with {@code padding}; receivers ignore padding content (RFC 8489 §14). */
    public static StunEncoder withPadding(byte padding) {
        return new StunEncoder(padding);
    }

    public byte[] encode(StunMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(new byte[StunDecoder.HEADER_LENGTH]);
        for (StunAttribute attribute : message.attributes()) {
            byte[] value = attribute.encodeValue(message.transactionId());
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException(String.format("attribute 0x%04X is %d bytes", attribute.type(), value.length));
            }
            writeShort(out, attribute.type());
            writeShort(out, value.length);
            out.writeBytes(value);
            byte[] pad = new byte[(4 - value.length % 4) % 4];
            Arrays.fill(pad, padding);
            out.writeBytes(pad);
        }
        byte[] bytes = out.toByteArray();
        int length = bytes.length - StunDecoder.HEADER_LENGTH;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("message body of " + length + " bytes does not fit 16 bits");
        }
        int type = message.type().toWire();
        bytes[0] = (byte) (type >>> 8);
        bytes[1] = (byte) type;
        setLength(bytes, length);
        writeInt(bytes, 4, StunDecoder.MAGIC_COOKIE);
        message.transactionId().copyTo(bytes, 8);
        return bytes;
    }

    static void setLength(byte[] message, int length) {
        message[2] = (byte) (length >>> 8);
        message[3] = (byte) length;
    }

    static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }
}
