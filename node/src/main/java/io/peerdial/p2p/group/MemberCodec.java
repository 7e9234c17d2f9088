package io.peerdial.p2p.group;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.p2p.base.WireFormatException;
import io.peerdial.p2p.base.WireFormatException.Reason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The DHT value of a {@link Member}: {@code version(1)=1 | node(20) | family(1)=4|6 | address(4|16) | port(2)},
 * big-endian, nothing after. A port of 0 is refused.
 */
public final class MemberCodec {

    public static final int VERSION = 1;
    /** Longest encoding (IPv6). */
    public static final int MAX_BYTES = 1 + NodeId.BYTES + 1 + 16 + 2;

    private MemberCodec() {}

    /** The DHT value of {@code m}. */
    public static byte[] encode(Member m) {
        byte[] address = m.contact().address().getAddress().getAddress();
        byte[] out = new byte[1 + NodeId.BYTES + 1 + address.length + 2];
        out[0] = VERSION;
        m.node().writeTo(out, 1);
        out[1 + NodeId.BYTES] = (byte) (address.length == 4 ? 4 : 6);
        System.arraycopy(address, 0, out, 2 + NodeId.BYTES, address.length);
        int port = m.contact().address().getPort();
        out[out.length - 2] = (byte) (port >>> 8);
        out[out.length - 1] = (byte) port;
        return out;
    }

    /** Parses a DHT value (written by any peer); anything but a valid entry is a {@link WireFormatException}. */
    public static Member decode(byte[] bytes) throws WireFormatException {
        if (bytes.length > MAX_BYTES) throw new WireFormatException(Reason.TOO_LONG, bytes.length + " bytes, at most " + MAX_BYTES);
        if (bytes.length < 2 + NodeId.BYTES) throw new WireFormatException(Reason.TOO_SHORT, bytes.length + " bytes");
        if (bytes[0] != VERSION) throw new WireFormatException(Reason.BAD_VERSION, "version " + (bytes[0] & 0xFF));
        int family = bytes[1 + NodeId.BYTES];
        int addressBytes = family == 4 ? 4 : family == 6 ? 16 : -1;
        if (addressBytes < 0) throw new WireFormatException(Reason.BAD_ADDRESS, "address family " + (family & 0xFF));
        int expected = 2 + NodeId.BYTES + addressBytes + 2;
        if (bytes.length != expected) {
            throw new WireFormatException(bytes.length < expected ? Reason.TOO_SHORT : Reason.TOO_LONG,
                    bytes.length + " bytes for family " + family + ", expected " + expected);
        }
        int port = (bytes[expected - 2] & 0xFF) << 8 | bytes[expected - 1] & 0xFF;
        if (port == 0) throw new WireFormatException(Reason.BAD_PORT, "port 0");
        InetAddress address;
        try {
            address = InetAddress.getByAddress(Arrays.copyOfRange(bytes, 2 + NodeId.BYTES, 2 + NodeId.BYTES + addressBytes));
        } catch (UnknownHostException e) {
            throw new WireFormatException(Reason.BAD_ADDRESS, e.getMessage()); // unreachable: the length is 4 or 16
        }
        return new Member(new Contact(NodeId.fromBytes(bytes, 1), new InetSocketAddress(address, port)));
    }
}
