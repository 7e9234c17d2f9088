package io.peerdial.relay.wire;

import io.peerdial.overlay.identity.NodeId;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The writing side of {@link WireReader}; misuse (a value out of range) is an IllegalArgumentException. */
public final class WireWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    public WireWriter u8(int v) {
        if (v < 0 || v > 0xFF) throw new IllegalArgumentException("u8 out of range: " + v);
        out.write(v);
        return this;
    }

    public WireWriter u16(int v) {
        if (v < 0 || v > 0xFFFF) throw new IllegalArgumentException("u16 out of range: " + v);
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public WireWriter u32(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) throw new IllegalArgumentException("u32 out of range: " + v);
        for (int s = 24; s >= 0; s -= 8) out.write((int) (v >>> s));
        return this;
    }

    public WireWriter nonNegative64(long v) {
        if (v < 0) throw new IllegalArgumentException("negative: " + v);
        for (int s = 56; s >= 0; s -= 8) out.write((int) (v >>> s));
        return this;
    }

    public WireWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public WireWriter nodeId(NodeId id) {
        return bytes(id.toBytes());
    }

    public WireWriter ascii(String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        if (b.length > max || !s.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new IllegalArgumentException("not printable ASCII of at most " + max + " bytes: " + s);
        }
        return u8(b.length).bytes(b);
    }

    public WireWriter address(InetSocketAddress a) {
        if (a.isUnresolved() || a.getPort() == 0) throw new IllegalArgumentException("need a literal address and a port: " + a);
        byte[] ip = a.getAddress().getAddress();
        return u8(a.getAddress() instanceof Inet4Address ? 4 : 6).bytes(ip).u16(a.getPort());
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
