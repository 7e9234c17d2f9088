package io.peerdial.overlay.stun;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * The address value shared by MAPPED-ADDRESS (RFC 8489 §14.1) and every XOR-ed address attribute
 * (§14.2; TURN's XOR-PEER-ADDRESS and XOR-RELAYED-ADDRESS, RFC 8656 §18.3 and §18.5, reuse it).
 *
 * <pre>
 *  0 (reserved) | family (1 = IPv4, 2 = IPv6) | port (16 bits) | address (32 or 128 bits)
 * </pre>
 */
public final class StunAddresses {
    static final int FAMILY_IPV4 = 0x01;
    static final int FAMILY_IPV6 = 0x02;
    static final int MAGIC_COOKIE = 0x2112A442;

    private StunAddresses() {}

    /** Plain address value (MAPPED-ADDRESS). */
    public static byte[] encode(InetSocketAddress address) {
        return encode(address, null);
    }

    /** X-Port and X-Address (RFC 8489 §14.2): XOR with the cookie, and for IPv6 also the transaction ID. */
    public static byte[] encodeXor(InetSocketAddress address, TransactionId transactionId) {
        return encode(address, Objects.requireNonNull(transactionId, "transactionId"));
    }

    public static InetSocketAddress decode(byte[] value) throws StunException {
        return decode(value, null);
    }

    public static InetSocketAddress decodeXor(byte[] value, TransactionId transactionId) throws StunException {
        return decode(value, Objects.requireNonNull(transactionId, "transactionId"));
    }

    /** Checks an address given to an attribute record: resolved, and with a port. */
    static InetSocketAddress check(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address: " + address);
        }
        return address;
    }

    private static byte[] encode(InetSocketAddress address, TransactionId xorWith) {
        byte[] ip = check(address).getAddress().getAddress();
        byte[] value = new byte[4 + ip.length];
        value[1] = (byte) (ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6);
        int port = address.getPort();
        if (xorWith != null) {
            port ^= MAGIC_COOKIE >>> 16; // X-Port: XOR with the 16 most significant bits of the cookie
            xorAddress(ip, xorWith);
        }
        value[2] = (byte) (port >>> 8);
        value[3] = (byte) port;
        System.arraycopy(ip, 0, value, 4, ip.length);
        return value;
    }

    private static InetSocketAddress decode(byte[] value, TransactionId xorWith) throws StunException {
        if (value.length < 4) {
            throw new StunException(StunException.Reason.BAD_ATTRIBUTE, "address value of " + value.length + " bytes");
        }
        int family = value[1] & 0xFF; // value[0] is reserved: RFC 8489 §14.1 says receivers ignore it
        int expected = family == FAMILY_IPV4 ? 8 : family == FAMILY_IPV6 ? 20 : -1;
        if (expected < 0) {
            throw new StunException(StunException.Reason.BAD_ATTRIBUTE, "address family " + family);
        }
        if (value.length != expected) {
            throw new StunException(StunException.Reason.BAD_ATTRIBUTE,
                    "family " + family + " needs " + expected + " bytes, got " + value.length);
        }
        int port = ((value[2] & 0xFF) << 8) | (value[3] & 0xFF);
        byte[] ip = java.util.Arrays.copyOfRange(value, 4, value.length);
        if (xorWith != null) {
            port ^= MAGIC_COOKIE >>> 16;
            xorAddress(ip, xorWith);
        }
        return new InetSocketAddress(toInetAddress(ip), port);
    }

    /** IPv4: XOR with the cookie; IPv6: XOR with the cookie followed by the transaction ID. */
    private static void xorAddress(byte[] ip, TransactionId transactionId) {
        for (int i = 0; i < ip.length; i++) {
            int mask = i < 4 ? (MAGIC_COOKIE >>> (24 - 8 * i)) & 0xFF : transactionId.byteAt(i - 4);
            ip[i] ^= (byte) mask;
        }
    }

    private static InetAddress toInetAddress(byte[] ip) {
        try {
            // Inet6Address.getByAddress keeps an IPv4-mapped IPv6 address as IPv6, so the family
            // survives a decode/encode round trip; InetAddress.getByAddress would turn it into IPv4.
            return ip.length == 4 ? Inet4Address.getByAddress(ip) : Inet6Address.getByAddress(null, ip, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
