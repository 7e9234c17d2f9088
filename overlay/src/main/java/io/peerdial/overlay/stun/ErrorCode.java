package io.peerdial.overlay.stun;

import java.util.Arrays;

/**
 * ERROR-CODE (RFC 8489 §14.8): a code 300-699 and a reason phrase. On the wire: 21 reserved bits,
 * the class (hundreds, 3 bits) and the number (0-99, 8 bits), then the UTF-8 reason.
 */
public record ErrorCode(int code, String reason) implements StunAttribute {
    /** RFC 8489 §14.8. */
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHENTICATED = 401;
    public static final int UNKNOWN_ATTRIBUTE = 420;
    public static final int STALE_NONCE = 438;
    public static final int SERVER_ERROR = 500;

    public ErrorCode {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("error code must be 300-699: " + code);
        }
        StunText.check("reason phrase", reason, StunText.MAX_TEXT_BYTES, true);
    }

    static ErrorCode decode(byte[] value, TransactionId transactionId) throws StunException {
        if (value.length < 4) {
            throw new StunException(StunException.Reason.BAD_ATTRIBUTE, "ERROR-CODE of " + value.length + " bytes");
        }
        int errorClass = value[2] & 0x07; // the other bits are reserved and ignored
        int number = value[3] & 0xFF;
        if (number > 99) {
            throw new StunException(StunException.Reason.BAD_ATTRIBUTE, "ERROR-CODE number " + number);
        }
        return new ErrorCode(errorClass * 100 + number, StunText.decode(Arrays.copyOfRange(value, 4, value.length)));
    }

    @Override
    public int type() {
        return StunAttributeTypes.ERROR_CODE;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        byte[] text = StunText.encode(reason);
        byte[] value = new byte[4 + text.length];
        value[2] = (byte) (code / 100);
        value[3] = (byte) (code % 100);
        System.arraycopy(text, 0, value, 4, text.length);
        return value;
    }
}
