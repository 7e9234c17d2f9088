package io.peerdial.relay.wire;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.relay.wire.RelayWireException.Reason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Bounds-checked big-endian reads over one message; every failure is a {@link RelayWireException}. */
public final class WireReader {
    private final byte[] in;
    private int pos;

    public WireReader(byte[] in) {
        this.in = in;
    }

    public int position() {
        return pos;
    }

    private void need(int n, String what) throws RelayWireException {
        if (in.length - pos < n) {
            throw new RelayWireException(Reason.TRUNCATED, what + " needs " + n + " bytes at offset " + pos);
        }
    }

    public int u8(String what) throws RelayWireException {
        need(1, what);
        return in[pos++] & 0xFF;
    }

    public int u16(String what) throws RelayWireException {
        need(2, what);
        int v = (in[pos] & 0xFF) << 8 | in[pos + 1] & 0xFF;
        pos += 2;
        return v;
    }

    public long u32(String what) throws RelayWireException {
        need(4, what);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = v << 8 | in[pos++] & 0xFF;
        }
        return v;
    }

    /** A signed 64-bit value that must not be negative (counts, times). */
    public long nonNegative64(String what) throws RelayWireException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | in[pos++] & 0xFF;
        }
        if (v < 0) {
            throw new RelayWireException(Reason.BAD_FIELD, what + " is negative");
        }
        return v;
    }

    public byte[] bytes(int n, String what) throws RelayWireException {
        need(n, what);
        byte[] out = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return out;
    }

    public NodeId nodeId(String what) throws RelayWireException {
        return NodeId.fromBytes(bytes(NodeId.BYTES, what));
    }

    /** u8 length, then that many printable US-ASCII bytes (0x21-0x7E), at most {@code max}. */
    public String ascii(int max, String what) throws RelayWireException {
        int n = u8(what + " length");
        if (n > max) {
            throw new RelayWireException(Reason.BAD_FIELD, what + " is " + n + " bytes, at most " + max);
        }
        byte[] b = bytes(n, what);
        for (byte c : b) {
            if (c < 0x21 || c > 0x7E) {
                throw new RelayWireException(Reason.BAD_FIELD, what + " is not printable ASCII");
            }
        }
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Family (4 or 6), the address (4 or 16 bytes), the port (u16, not 0). */
    public InetSocketAddress address(String what) throws RelayWireException {
        int family = u8(what + " family");
        int length = switch (family) {
            case 4 -> 4;
            case 6 -> 16;
            default -> throw new RelayWireException(Reason.BAD_FIELD, what + " family " + family);
        };
        byte[] ip = bytes(length, what);
        int port = u16(what + " port");
        if (port == 0) {
            throw new RelayWireException(Reason.BAD_FIELD, what + " port 0");
        }
        try {
            InetAddress address = InetAddress.getByAddress(ip);
            if (family == 6 && address instanceof java.net.Inet4Address) { // ::ffff:a.b.c.d: family 4 says it once
                throw new RelayWireException(Reason.BAD_FIELD, what + " is an IPv4-mapped IPv6 address");
            }
            return new InetSocketAddress(address, port);
        } catch (UnknownHostException e) { // cannot happen for 4 or 16 bytes
            throw new RelayWireException(Reason.BAD_FIELD, what + ": " + e.getMessage());
        }
    }

    public void end() throws RelayWireException {
        if (pos != in.length) {
            throw new RelayWireException(Reason.TRAILING_BYTES, (in.length - pos) + " bytes after the message");
        }
    }
}
