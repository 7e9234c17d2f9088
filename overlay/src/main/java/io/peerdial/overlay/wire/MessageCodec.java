package io.peerdial.overlay.wire;

import java.util.Objects;

/**
 * Encodes and decodes overlay datagrams (docs/PROTOCOL.md). Stateless and thread-safe.
 *
 * <p>Decoding never trusts a length it has not checked against the bytes that are there, rejects
 * anything it does not understand with a {@link WireException} naming the reason, and never throws
 * anything else. Encoding refuses (with {@link IllegalArgumentException}: a bug on our side) a
 * message that would exceed {@link #MAX_DATAGRAM}.
 *
 * <p>Layout: a 32-byte header (magic, version, type, flags, transaction id, sender NodeId), then a
 * body per type ({@link MessageDecoder}, {@link MessageEncoder}). All integers are big-endian.
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
    /** Header flag bit: the sender is a DHT client ({@link Header#client()}). Other bits are reserved, must be 0. */
    public static final int FLAG_CLIENT = 0x01;

    private MessageCodec() {}

    /** True if {@code first} is the first byte of an overlay datagram (and not STUN, RTP, ...). */
    public static boolean isOverlay(byte first) {
        return (first & 0xFF) == MAGIC;
    }

    /**
     * Exact number of bytes {@link #encode} produces for {@code message}, which may exceed
     * {@link #MAX_DATAGRAM}: lets a responder fill a {@link Values} answer with as many values as fit.
     */
    public static int encodedSize(Message message) {
        return HEADER_BYTES + MessageEncoder.bodySize(message);
    }

    /**
     * Encodes {@code message}.
     *
     * @throws IllegalArgumentException if it encodes to more than {@link #MAX_DATAGRAM} bytes, or a
     *         field cannot be put on the wire (unresolved address, port 0)
     */
    public static byte[] encode(Message message) {
        int size = encodedSize(message);
        if (size > MAX_DATAGRAM) {
            throw new IllegalArgumentException(message.type() + " encodes to " + size
                    + " bytes, more than the " + MAX_DATAGRAM + "-byte datagram limit");
        }
        WireWriter out = new WireWriter(size);
        Header header = message.header();
        out.u8(MAGIC);
        out.u8(VERSION);
        out.u8(message.type().code);
        out.u8(header.client() ? FLAG_CLIENT : 0);
        out.u64(header.transactionId());
        out.nodeId(header.sender());
        MessageEncoder.body(message, out);
        return out.finish();
    }

    /**
     * Decodes the datagram in {@code bytes[offset, offset + length)}.
     *
     * @throws WireException whatever is wrong with the bytes, and nothing else
     * @throws IndexOutOfBoundsException if the range is not inside {@code bytes} (a caller bug)
     */
    public static Message decode(byte[] bytes, int offset, int length) throws WireException {
        return decode(bytes, offset, length, KnownContacts.NONE);
    }

    /**
     * As {@link #decode(byte[], int, int)}, taking decoded contacts and addresses that {@code known}
     * already holds instead of new copies (equal ones: the message is the same).
     */
    public static Message decode(byte[] bytes, int offset, int length, KnownContacts known) throws WireException {
        Objects.requireNonNull(known, "known");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length > MAX_DATAGRAM) { // we never send more, so more is not ours (RFC 8085 §3.2)
            throw new WireException(WireException.Reason.OVERSIZED, length + " bytes, limit " + MAX_DATAGRAM);
        }
        if (length < HEADER_BYTES) {
            throw new WireException(WireException.Reason.TRUNCATED, length + " bytes, a header is " + HEADER_BYTES);
        }
        WireReader in = new WireReader(bytes, offset, length, known);
        int magic = in.u8("magic");
        if (magic != MAGIC) { // the demultiplexer should have sent it elsewhere (RFC 7983 §7)
            throw new WireException(WireException.Reason.BAD_MAGIC, String.format("first byte 0x%02X", magic));
        }
        int version = in.u8("version");
        if (version != VERSION) {
            throw new WireException(WireException.Reason.UNSUPPORTED_VERSION, "version " + version);
        }
        int code = in.u8("type");
        MessageType type = MessageType.ofCode(code);
        if (type == null) {
            throw new WireException(WireException.Reason.UNKNOWN_TYPE, String.format("type 0x%02X", code));
        }
        int flags = in.u8("flags");
        if ((flags & ~FLAG_CLIENT) != 0) {
            throw new WireException(WireException.Reason.RESERVED_FLAGS, String.format("flags 0x%02X", flags));
        }
        Header header = new Header(in.u64("transaction id"), in.nodeId("sender"), (flags & FLAG_CLIENT) != 0);
        Message message = MessageDecoder.body(type, header, in);
        in.requireEnd();
        return message;
    }

    public static Message decode(byte[] bytes) throws WireException {
        return decode(bytes, 0, bytes.length);
    }
}
