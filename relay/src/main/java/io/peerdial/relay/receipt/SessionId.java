package io.peerdial.relay.receipt;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A relayed session: 128 bits both ends compute from what the Allocate exchange told them, so no
 * extra message is needed. See {@link #of}.
 */
public record SessionId(long high, long low) {
    public static final int BYTES = 16;

    /**
     * First 128 bits of SHA-256("peerdial/session" NUL username NUL relayed NUL mapped): the TURN
     * username (unique per credential, docs/INCENTIVES.md), the XOR-RELAYED-ADDRESS and the
     * XOR-MAPPED-ADDRESS of the Allocate success response (RFC 8656 §7.2). The relay holds a
     * relayed address for one allocation at a time, so two live sessions never share an id.
     */
    public static SessionId of(String username, InetSocketAddress relayed, InetSocketAddress mapped) {
        String material = "peerdial/session\0" + username + "\0" + text(relayed) + "\0" + text(mapped);
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return fromBytes(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static String text(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + "/" + a.getPort();
    }

    /** The first 16 bytes of {@code b}. */
    public static SessionId fromBytes(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b, 0, BYTES);
        return new SessionId(buf.getLong(), buf.getLong());
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(high).putLong(low).array();
    }

    @Override
    public String toString() {
        return String.format("%016x%016x", high, low);
    }
}
