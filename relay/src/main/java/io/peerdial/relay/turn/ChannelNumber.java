package io.peerdial.relay.turn;

import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.TransactionId;

/**
 * CHANNEL-NUMBER (RFC 8656 §18.1): a 16-bit channel number and 16 RFFU bits. Any 16-bit number
 * decodes, so that a server can answer 400 to a number outside 0x4000-0x4FFF (§11.2) instead of
 * dropping the request as malformed.
 */
public record ChannelNumber(int number) implements StunAttribute {
    /** RFC 8656 §12: channel numbers 0x4000 through 0x4FFF. */
    public static final int MIN = 0x4000;
    public static final int MAX = 0x4FFF;

    public ChannelNumber {
        if (number < 0 || number > 0xFFFF) {
            throw new IllegalArgumentException("channel number is 16 bits: " + number);
        }
    }

    public static ChannelNumber decode(byte[] value, TransactionId transactionId) throws StunException {
        TurnValues.requireLength("CHANNEL-NUMBER", value, 4);
        return new ChannelNumber(TurnValues.readShort(value, 0)); // RFFU ignored (RFC 8656 §18.1)
    }

    /** True for numbers a client may bind (RFC 8656 §12). */
    public static boolean isValid(int number) {
        return number >= MIN && number <= MAX;
    }

    @Override
    public int type() {
        return TurnAttributeTypes.CHANNEL_NUMBER;
    }

    @Override
    public byte[] encodeValue(TransactionId transactionId) {
        return new byte[] {(byte) (number >>> 8), (byte) number, 0, 0};
    }
}
