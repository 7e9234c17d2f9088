package io.peerdial.overlay.wire;

import io.peerdial.overlay.identity.NodeId;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Writes one datagram into an array sized in advance by {@link MessageEncoder#size}. Also holds
 * the size arithmetic of the shared field encodings, so that sizing and writing cannot disagree.
 */
final class WireWriter {

    private final byte[] buf;
    private int pos;

    WireWriter(int size) {
        this.buf = new byte[size];
    }

    static int addressSize(InetSocketAddress address) {
        return 1 + rawAddress(address).length + 2;
    }

    /** A contact's size is a field of it ({@link Contact#encodedLength}): no address object is followed or copied. */
    static int contactsSize(List<Contact> contacts) {
        int size = 1;
        for (int i = 0, n = contacts.size(); i < n; i++) size += contacts.get(i).encodedLength(); // no iterator per answer
        return size;
    }

    void u8(int v) {
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void u64(long v) {
        for (int i = 0; i < 8; i++) buf[pos++] = (byte) (v >>> (56 - 8 * i));
    }

    void bytes(byte[] b) {
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    void nodeId(NodeId id) {
        id.writeTo(buf, pos);
        pos += NodeId.BYTES;
    }

    void address(InetSocketAddress address) {
        byte[] raw = rawAddress(address);
        u8(raw.length == 4 ? 4 : 6);
        bytes(raw);
        u16(address.getPort());
    }

    /** count, then each contact as {@link #nodeId} and {@link #address} would write it, from its flat fields. */
    void contacts(List<Contact> contacts) {
        int n = contacts.size();
        u8(n);
        for (int i = 0; i < n; i++) pos = contacts.get(i).writeTo(buf, pos);
    }

    void shortText(byte[] utf8) {
        u8(utf8.length);
        bytes(utf8);
    }

    byte[] finish() {
        if (pos != buf.length) {
            throw new IllegalStateException("wrote " + pos + " bytes, sized " + buf.length + ": size and write disagree");
        }
        return buf;
    }

    /** 4 bytes for IPv4 and IPv4-mapped IPv6, else 16. Refuses what a peer would refuse (port 0, unresolved). */
    private static byte[] rawAddress(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("cannot encode unresolved address " + address);
        }
        if (address.getPort() == 0) {
            throw new IllegalArgumentException("cannot encode port 0: " + address);
        }
        byte[] raw = ip.getAddress();
        if (ip instanceof Inet6Address && isIpv4Mapped(raw)) {
            return new byte[] {raw[12], raw[13], raw[14], raw[15]};
        }
        return raw;
    }

    private static boolean isIpv4Mapped(byte[] raw) {
        for (int i = 0; i < 10; i++) if (raw[i] != 0) return false;
        return raw[10] == (byte) 0xFF && raw[11] == (byte) 0xFF;
    }
}
