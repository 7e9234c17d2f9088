package io.peerdial.relay.turn;

import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.TransactionId;

/**
 * CHANNEL-NUMBER (RFC 8656 §18.1): a 16-bit channel number and 16 RFFU bits. Any 16-bit number
 * decodes, so that a server can answer 400 to a number outside the valid range (§11.2) instead of
 * dropping the request as malformed.
 *
 * <p>Valid range: RFC 8656 §12 gives clients 0x4000-0x4FFF and reserves 0x5000-0x7FFF, but
 * RFC 5766 clients still in use (coturn's turnutils_uclient 4.6 among them) pick from
 * 0x4000-0x7FFF, and servers (coturn included) accept them; so do we. Both ranges start with the
 * bits 01, which is all demultiplexing needs (RFC 7983 §7).
 */
public record ChannelNumber(int number) implements StunAttribute {
    public static final int MIN = 0x4000;
    /** RFC 5766 §11's upper bound, accepted for interoperability; RFC 8656 §12 clients stop at 0x4FFF. */
    public static final int MAX = 0x7FFF;
    /** Highest number an RFC 8656 client picks (§12). */
    public static final int MAX_RFC8656 = 0x4FFF;

    public ChannelNumber {
        if (number < 0 || number > 0xFFFF) {
            throw new IllegalArgumentException("channel number is 16 bits: " + number);
        }
    }

    public static ChannelNumber decode(byte[] value, TransactionId transactionId) throws StunException {
        TurnValues.requireLength("CHANNEL-NUMBER", value, 4);
        return new ChannelNumber(TurnValues.readShort(value, 0)); // RFFU ignored (RFC 8656 §18.1)
    }

    /** True for numbers a server accepts for binding: 0x4000-0x7FFF (see the class comment). */
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
