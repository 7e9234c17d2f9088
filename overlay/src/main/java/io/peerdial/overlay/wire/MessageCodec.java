package io.peerdial.overlay.wire;

/**
 * Encodes and decodes overlay datagrams (docs/PROTOCOL.md). Stateless and thread-safe.
 *
 * <p>Decoding never trusts a length it has not checked against the bytes that are there, rejects
 * anything it does not understand with a {@link WireException} naming the reason, and never throws
 * anything else. Encoding refuses (with {@link IllegalArgumentException}: a bug on our side) a
 * message that would exceed {@link #MAX_DATAGRAM}.
 */
public final class MessageCodec {

    /** First byte of every overlay datagram; outside the ranges RFC 7983 §7 assigns. */
    public static final int MAGIC = 0xD7;
    public static final int VERSION = 1;
    /** Never IP-fragmented on a 1,280-byte IPv6 path minus headers (RFC 8085 §3.2). */
    public static final int MAX_DATAGRAM = 1200;
    /** Kademlia's k: most contacts in one answer. */
    public static final int MAX_CONTACTS = 20;
    /** magic(1) version(1) type(1) flags(1) transaction id(8) sender NodeId(20). */
    public static final int HEADER_BYTES = 32;

    private MessageCodec() {}

    /** True if {@code first} is the first byte of an overlay datagram (and not STUN, RTP, ...). */
    public static boolean isOverlay(byte first) {
        return (first & 0xFF) == MAGIC;
    }

    public static byte[] encode(Message message) {
        throw new UnsupportedOperationException("TODO(codec)");
    }

    /** Bytes {@link #encode} would produce, without producing them (may exceed {@link #MAX_DATAGRAM}). */
    public static int encodedSize(Message message) {
        throw new UnsupportedOperationException("TODO(codec)");
    }

    public static Message decode(byte[] bytes, int offset, int length) throws WireException {
        throw new UnsupportedOperationException("TODO(codec)");
    }

    public static Message decode(byte[] bytes) throws WireException {
        return decode(bytes, 0, bytes.length);
    }
}
