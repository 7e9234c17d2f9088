package io.peerdial.overlay.stun;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.peerdial.overlay.stun.StunException.Reason;

/**
 * Parses STUN messages (RFC 8489 §5, §14) from one datagram. Length-limited; every bad input ends
 * in a {@link StunException} with a reason, never in another exception. Thread-safe (immutable).
 *
 * <p>It does not verify MESSAGE-INTEGRITY or FINGERPRINT: those cover the raw bytes, so they are
 * checked on them with {@link StunIntegrity} and {@link StunFingerprint}.
 */
public final class StunDecoder {
    public static final int HEADER_LENGTH = 20;
    /** Default limit: one Ethernet MTU. STUN over UDP should stay under the path MTU (RFC 8489 §6.1). */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1500;
    static final int MAGIC_COOKIE = 0x2112A442;
    private static final int MAX_POSSIBLE_SIZE = HEADER_LENGTH + 0xFFFF;

    private static final StunDecoder DEFAULT = new StunDecoder(StunAttributeRegistry.rfc8489(), DEFAULT_MAX_MESSAGE_SIZE);

    private final StunAttributeRegistry registry;
    private final int maxMessageSize;

    public StunDecoder(StunAttributeRegistry registry, int maxMessageSize) {
        this.registry = Objects.requireNonNull(registry, "registry");
        if (maxMessageSize < HEADER_LENGTH || maxMessageSize > MAX_POSSIBLE_SIZE) {
            throw new IllegalArgumentException("maxMessageSize must be 20-65555: " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
    }

    /** RFC 8489 attributes, messages up to 1500 bytes. */
    public static StunDecoder standard() {
        return DEFAULT;
    }

    /**
     * Demultiplexing test (RFC 7983 §7): a first byte of 0-3 means STUN; the magic cookie makes it
     * specific. Overlay datagrams start with 0xD7 and never pass.
     */
    public static boolean looksLikeStun(byte[] b, int len) {
        if (len > b.length) {
            throw new IllegalArgumentException("len " + len + " > buffer " + b.length);
        }
        return len >= HEADER_LENGTH && (b[0] & 0xFF) <= 3 && readInt(b, 4) == MAGIC_COOKIE;
    }

    public StunMessage decode(byte[] b) throws StunException {
        return decode(b, 0, b.length);
    }

    /** Decodes {@code b[offset, offset + length)}; a range outside {@code b} is API misuse (IndexOutOfBoundsException). */
    public StunMessage decode(byte[] b, int offset, int length) throws StunException {
        Objects.checkFromIndexSize(offset, length, b.length);
        if (length > maxMessageSize) {
            throw new StunException(Reason.OVERSIZED, length + " bytes > " + maxMessageSize);
        }
        if (length < HEADER_LENGTH) {
            throw new StunException(Reason.TRUNCATED, length + " bytes, header needs 20");
        }
        int type = readShort(b, offset);
        if ((type & 0xC000) != 0) { // RFC 8489 §5: the two most significant bits are zero
            throw new StunException(Reason.BAD_HEADER, String.format("message type 0x%04X", type));
        }
        if (readInt(b, offset + 4) != MAGIC_COOKIE) { // RFC 8489 §5; RFC 3489 messages end here too
            throw new StunException(Reason.BAD_COOKIE, String.format("cookie 0x%08X", readInt(b, offset + 4)));
        }
        int messageLength = readShort(b, offset + 2);
        if (messageLength % 4 != 0 || messageLength != length - HEADER_LENGTH) {
            throw new StunException(Reason.BAD_LENGTH,
                    "header says " + messageLength + ", " + (length - HEADER_LENGTH) + " bytes follow");
        }
        TransactionId transactionId = TransactionId.copyOf(b, offset + 8);
        List<StunAttribute> attributes = decodeAttributes(b, offset + HEADER_LENGTH, offset + length, transactionId);
        return new StunMessage(StunMessageType.fromWire(type), transactionId, attributes);
    }

    private List<StunAttribute> decodeAttributes(byte[] b, int pos, int end, TransactionId transactionId)
            throws StunException {
        List<StunAttribute> attributes = new ArrayList<>();
        boolean afterIntegrity = false;
        boolean afterIntegritySha256 = false;
        boolean afterFingerprint = false;
        while (pos < end) {
            if (end - pos < 4) {
                throw new StunException(Reason.TRUNCATED, "attribute header cut at " + (end - pos) + " bytes");
            }
            int type = readShort(b, pos);
            int valueLength = readShort(b, pos + 2);
            int padded = (valueLength + 3) & ~3; // RFC 8489 §14: values are padded to 4 bytes
            if (padded > end - pos - 4) {
                throw new StunException(Reason.TRUNCATED,
                        String.format("attribute 0x%04X of %d bytes, %d left", type, valueLength, end - pos - 4));
            }
            if (afterFingerprint) { // RFC 8489 §14.7: FINGERPRINT is the last attribute
                throw new StunException(Reason.ATTRIBUTE_AFTER_FINGERPRINT, String.format("0x%04X", type));
            }
            if (!ignoredAfterIntegrity(type, afterIntegrity, afterIntegritySha256)) {
                byte[] value = java.util.Arrays.copyOfRange(b, pos + 4, pos + 4 + valueLength);
                attributes.add(registry.decode(type, value, transactionId));
            }
            afterIntegrity |= type == StunAttributeTypes.MESSAGE_INTEGRITY;
            afterIntegritySha256 |= type == StunAttributeTypes.MESSAGE_INTEGRITY_SHA256;
            afterFingerprint = type == StunAttributeTypes.FINGERPRINT;
            pos += 4 + padded;
        }
        return attributes;
    }

    /**
     * RFC 8489 §14.5: after MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 and FINGERPRINT count;
     * §14.6: after MESSAGE-INTEGRITY-SHA256 only FINGERPRINT. Others are ignored (dropped), as the
     * RFC says, rather than rejected.
     */
    private static boolean ignoredAfterIntegrity(int type, boolean afterIntegrity, boolean afterIntegritySha256) {
        if (type == StunAttributeTypes.FINGERPRINT) {
            return false;
        }
        if (afterIntegritySha256) {
            return true;
        }
        return afterIntegrity && type != StunAttributeTypes.MESSAGE_INTEGRITY_SHA256;
    }

    static int readShort(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static int readInt(byte[] b, int at) {
        return (readShort(b, at) << 16) | readShort(b, at + 2);
    }
}
