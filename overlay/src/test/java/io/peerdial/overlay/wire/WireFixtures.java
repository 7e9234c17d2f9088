package io.peerdial.overlay.wire;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Values shared by the codec tests; the same ones the vector file's header lists. */
final class WireFixtures {

    static final long TRANSACTION_ID = 0x0123456789abcdefL;
    static final NodeId SENDER = NodeId.fromHex("000102030405060708090a0b0c0d0e0f10111213");
    static final long WRITE_TOKEN = 0x1122334455667788L;
    static final Header HEADER = new Header(TRANSACTION_ID, SENDER, false);
    static final Header CLIENT_HEADER = new Header(TRANSACTION_ID, SENDER, true);
    static final InetSocketAddress OBSERVED_V4 = address("192.0.2.1", 5060);
    static final InetSocketAddress OBSERVED_V6 = address("2001:db8::1", 4242);

    private WireFixtures() {}

    /** Parses a literal IP address (no DNS lookup for literals). */
    static InetSocketAddress address(String literal, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static NodeId id(int fill) {
        byte[] b = new byte[NodeId.BYTES];
        Arrays.fill(b, (byte) fill);
        return NodeId.fromBytes(b);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** {@code n} bytes counting up from {@code first}. */
    static byte[] counting(int first, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (first + i);
        return b;
    }

    /** 20 contacts with distinct ids and addresses, IPv4 or IPv6. */
    static List<Contact> fullContacts(boolean ipv6) {
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < MessageCodec.MAX_CONTACTS; i++) {
            InetSocketAddress address = ipv6 ? address("2001:db8::" + Integer.toHexString(i + 1), 4000 + i)
                    : address("198.51.100." + (i + 1), 4000 + i);
            contacts.add(new Contact(id(0x40 + i), address));
        }
        return contacts;
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
