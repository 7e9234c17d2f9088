package io.peerdial.overlay.wire;

import io.peerdial.overlay.identity.NodeId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The Kademlia contact triple (NodeId, IP, port). Immutable and shared: a routing table, a lookup
 * and the simulator can all point at the same instance.
 *
 * <p>Besides the {@link NodeId} and the address it keeps flat copies of what hot paths read: the
 * hash code, the ID's 160 bits, and the address as it goes on the wire (family, bytes, port). So
 * {@link #equals}, {@link #hashCode}, the encoder and the decoder's check of a held instance read
 * this object alone, and do not follow {@code id} or {@code address} (NodeId; InetSocketAddress,
 * its holder, the InetAddress and its holder): in a simulator of 10^5 nodes every object followed
 * on a cold node is a cache miss, and these chains were most of the cost of sizing, writing and
 * comparing contacts. The copies cost 40 bytes per contact (64 instead of 24).
 *
 * <p>They are filled the first time they are needed, not by the constructor: the overlay builds a
 * contact for every received datagram and mostly drops it at once for an interned or table-held
 * equal one, and filling them eagerly made every such contact cost two short-lived arrays more.
 *
 * <p>Value semantics are exactly those of the record this class was: equal iff the IDs are equal
 * and the addresses are equal (same InetAddress class, bytes and port), and the same hash code,
 * {@code 31 * id.hashCode() + address.hashCode()}, so hash-ordered collections iterate as before.
 */
public final class Contact {

    /** Encoded size of a contact with an IPv4 address: NodeId(20) family(1) address(4) port(2). */
    static final int IPV4_BYTES = NodeId.BYTES + 1 + 4 + 2;
    /** Encoded size of a contact with an IPv6 address: NodeId(20) family(1) address(16) port(2). */
    static final int IPV6_BYTES = NodeId.BYTES + 1 + 16 + 2;

    // one load or store per 8 or 4 bytes, bounds-checked, instead of a loop over single bytes
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle FAMILY;

    static {
        try {
            FAMILY = MethodHandles.lookup().findVarHandle(Contact.class, "family", byte.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final NodeId id;
    private final InetSocketAddress address;

    /** 0 until {@link #hashCode} first runs, as String's: a racing thread at worst computes it again. */
    private int hash;

    // The flat form, filled by fillFlat(). It writes family last with release semantics and ensureFlat()
    // reads it with acquire semantics, so a thread that sees family set sees the fields before it;
    // two threads that flatten at once write the same values.
    /** The ID's bits 0..63, 64..127 and 128..159, as its 20 bytes read big-endian. */
    private long idHigh, idMid;
    private int idLow;
    /** IPv6: bytes 0..7 and 8..15. IPv4 (also IPv4-mapped IPv6): 0, and the 4 bytes in the low half of ipLow. */
    private long ipHigh, ipLow;
    private char port;
    /** An Inet6Address holding an IPv4-mapped address: encoded as IPv4, yet not equal to the Inet4Address. */
    private boolean mappedInet6;
    /** 0 until flattened; then the wire family: 4 (IPv4, and IPv4-mapped IPv6, sent as IPv4) or 6. */
    private byte family;

    public Contact(NodeId id, InetSocketAddress address) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("contact address must be resolved: " + address);
        }
        this.id = id;
        this.address = address;
    }

    /** Fills the flat form unless it is there already; call before reading any of its fields. */
    private void ensureFlat() {
        if ((byte) FAMILY.getAcquire(this) == 0) fillFlat();
    }

    private void fillFlat() {
        byte[] idBytes = id.toBytes();
        idHigh = readLong(idBytes, 0);
        idMid = readLong(idBytes, 8);
        idLow = readInt(idBytes, 16);
        port = (char) address.getPort();
        InetAddress ip = address.getAddress();
        byte[] raw = ip.getAddress();
        boolean mapped = raw.length == 16 && isIpv4Mapped(raw);
        mappedInet6 = mapped && ip instanceof Inet6Address;
        if (raw.length == 4 || mapped) {
            ipHigh = 0;
            ipLow = readInt(raw, raw.length - 4) & 0xFFFFFFFFL; // the last 4 bytes of a mapped address
            FAMILY.setRelease(this, (byte) 4);
        } else {
            ipHigh = readLong(raw, 0);
            ipLow = readLong(raw, 8);
            FAMILY.setRelease(this, (byte) 6);
        }
    }

    public NodeId id() {
        return id;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** The first 64 bits of {@link #id()} ({@link NodeId#high64()}), read from this object alone. */
    public long idHigh64() {
        ensureFlat();
        return idHigh;
    }

    /** Bits 64..127 of {@link #id()}, big-endian, read from this object alone. */
    public long idMid64() {
        ensureFlat();
        return idMid;
    }

    /** Bits 128..159 of {@link #id()}, big-endian, read from this object alone. */
    public int idLow32() {
        ensureFlat();
        return idLow;
    }

    /** Whether {@code other} has the same NodeId, from the two contacts' flat fields alone. */
    public boolean sameId(Contact other) {
        if (other == this) return true;
        ensureFlat();
        other.ensureFlat();
        return other.idHigh == idHigh && other.idMid == idMid && other.idLow == idLow;
    }

    // ---------------------------------------------------------------- the wire form (docs/PROTOCOL.md, "Contact")

    /** Bytes {@link #writeTo} writes: 27 or 39. Refuses port 0, as every address encoding does. */
    int encodedLength() {
        ensureFlat();
        if (port == 0) {
            throw new IllegalArgumentException("cannot encode port 0: " + address);
        }
        return family == 4 ? IPV4_BYTES : IPV6_BYTES;
    }

    /** Writes NodeId(20) family(1) address(4 or 16) port(2) at {@code at}; returns where it ended. */
    int writeTo(byte[] out, int at) {
        ensureFlat();
        writeLong(out, at, idHigh);
        writeLong(out, at + 8, idMid);
        writeInt(out, at + 16, idLow);
        at += NodeId.BYTES;
        out[at++] = family;
        if (family == 4) {
            writeInt(out, at, (int) ipLow);
            at += 4;
        } else {
            writeLong(out, at, ipHigh);
            writeLong(out, at + 8, ipLow);
            at += 16;
        }
        out[at] = (byte) (port >>> 8);
        out[at + 1] = (byte) port;
        return at + 2;
    }

    /**
     * True if the contact encoded at {@code buf[at]} (already checked to be complete and well formed:
     * {@code addressLength} 4 or 16 address bytes at {@code at + 21}, then {@code port}) decodes to a
     * contact equal to this one. Reads this object and the buffer only.
     */
    boolean isEncodedAt(byte[] buf, int at, int addressLength, int port) {
        ensureFlat();
        if (port != this.port || readLong(buf, at) != idHigh || readLong(buf, at + 8) != idMid
                || readInt(buf, at + 16) != idLow) {
            return false;
        }
        int addressAt = at + NodeId.BYTES + 1;
        if (addressLength == 4) {
            // decoded as an Inet4Address, which no mapped Inet6Address equals
            return family == 4 && !mappedInet6 && readInt(buf, addressAt) == (int) ipLow;
        }
        long high = readLong(buf, addressAt);
        long low = readLong(buf, addressAt + 8);
        if (family == 6) return high == ipHigh && low == ipLow;
        // a peer may send an IPv4-mapped address as family 6: it decodes to the Inet4Address
        return !mappedInet6 && high == 0 && (low >>> 32) == 0xFFFFL && (int) low == (int) ipLow;
    }

    // ---------------------------------------------------------------- value semantics

    @Override
    public boolean equals(Object o) {
        if (this == o) return true; // the common case where contacts are shared: no field is read
        if (!(o instanceof Contact c) || c.hashCode() != hashCode()) return false;
        ensureFlat();
        c.ensureFlat();
        return c.idHigh == idHigh && c.idMid == idMid && c.idLow == idLow
                && c.ipLow == ipLow && c.ipHigh == ipHigh && c.port == port
                && c.family == family && c.mappedInet6 == mappedInet6;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 31 * id.hashCode() + address.hashCode(); // what the record's generated hashCode computed
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return id.shortHex() + "@" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private static boolean isIpv4Mapped(byte[] raw) {
        for (int i = 0; i < 10; i++) if (raw[i] != 0) return false;
        return raw[10] == (byte) 0xFF && raw[11] == (byte) 0xFF;
    }

    private static long readLong(byte[] b, int at) {
        return (long) LONG.get(b, at);
    }

    private static int readInt(byte[] b, int at) {
        return (int) INT.get(b, at);
    }

    private static void writeLong(byte[] b, int at, long v) {
        LONG.set(b, at, v);
    }

    private static void writeInt(byte[] b, int at, int v) {
        INT.set(b, at, v);
    }
}
