package io.peerdial.overlay.wire;

import static io.peerdial.overlay.wire.WireFixtures.HEADER;
import static io.peerdial.overlay.wire.WireFixtures.OBSERVED_V4;
import static io.peerdial.overlay.wire.WireFixtures.WRITE_TOKEN;
import static io.peerdial.overlay.wire.WireFixtures.address;
import static io.peerdial.overlay.wire.WireFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.identity.NodeId;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Contact} keeps the value semantics of the record it was (equality and hash code of
 * (NodeId, InetSocketAddress)), and its flat wire form is what the address encoding writes.
 */
class ContactTest {

    /** What Contact was: its generated equals and hashCode are the reference. */
    private record Reference(NodeId id, InetSocketAddress address) {}

    static final byte[] MAPPED = HexFormat.of().parseHex("00000000000000000000ffffc0000201"); // ::ffff:192.0.2.1

    /** Contacts that differ in one thing at a time, including the corners of InetAddress equality. */
    static List<Contact> pool() throws UnknownHostException {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int port : new int[] {1, 4000, 65535}) {
            addresses.add(address("192.0.2.1", port));
            addresses.add(address("192.0.2.2", port));
            addresses.add(address("255.255.255.255", port)); // sign bits set everywhere
            addresses.add(address("2001:db8::1", port));
            addresses.add(address("ffff:ffff::ffff:ffff:ffff:ffff", port));
            addresses.add(address("::1", port));
            // an Inet6Address holding an IPv4-mapped address: encoded as IPv4, equal to no Inet4Address
            addresses.add(new InetSocketAddress(Inet6Address.getByAddress(null, MAPPED, -1), port));
            // the scope ID takes no part in InetAddress equality
            addresses.add(new InetSocketAddress(Inet6Address.getByAddress(null, ipv6("fe800000000000000000000000000001"), 3), port));
            addresses.add(new InetSocketAddress(Inet6Address.getByAddress(null, ipv6("fe800000000000000000000000000001"), 7), port));
        }
        List<Contact> contacts = new ArrayList<>();
        for (NodeId id : List.of(id(0x00), id(0xFF), lastBitSet(id(0xFF)), lastBitSet(id(0x00)))) {
            for (InetSocketAddress a : addresses) contacts.add(new Contact(id, a));
        }
        return contacts;
    }

    @Test
    void equalityAndHashCodeAreThoseOfTheRecord() throws UnknownHostException {
        List<Contact> a = pool();
        List<Contact> b = pool(); // equal values, other instances
        int equalPairs = 0;
        for (Contact x : a) {
            Reference rx = new Reference(x.id(), x.address());
            assertThat(x.hashCode()).as("%s", x).isEqualTo(rx.hashCode());
            for (Contact y : b) {
                boolean expected = rx.equals(new Reference(y.id(), y.address()));
                assertThat(x.equals(y)).as("%s vs %s", x, y).isEqualTo(expected);
                if (expected) equalPairs++;
            }
        }
        // each contact equals its copy, and the two scoped link-local addresses equal each other
        assertThat(equalPairs).isEqualTo(a.size() + 2 * 4 * 3);
    }

    @Test
    void aContactEqualsItselfAndNothingElse() {
        Contact c = new Contact(id(1), OBSERVED_V4);
        assertThat(c).isEqualTo(c).isNotEqualTo(null).isNotEqualTo(new Reference(c.id(), c.address()));
    }

    @Test
    void theMappedInet6FormIsNotTheInet4Form() throws UnknownHostException {
        Contact v4 = new Contact(id(1), address("192.0.2.1", 4000));
        Contact mapped = new Contact(id(1), new InetSocketAddress(Inet6Address.getByAddress(null, MAPPED, -1), 4000));
        assertThat(mapped.address().getAddress()).isInstanceOf(Inet6Address.class);
        assertThat(v4).isNotEqualTo(mapped);
        assertThat(encode(v4)).isEqualTo(encode(mapped)); // the wire form is the same, as before
    }

    @Test
    void encodesAsTheNodeIdThenTheAddressEncoding() throws UnknownHostException {
        for (Contact c : pool()) {
            assertThat(encode(c)).as("%s", c).isEqualTo(expectedEncoding(c));
        }
    }

    @Test
    void encodedLengthIsTheWrittenLength() throws UnknownHostException {
        for (Contact c : pool()) {
            byte[] out = new byte[Contact.IPV6_BYTES + 3];
            assertThat(c.writeTo(out, 3) - 3).as("%s", c).isEqualTo(c.encodedLength());
        }
        assertThat(new Contact(id(1), address("192.0.2.1", 1)).encodedLength()).isEqualTo(27);
        assertThat(new Contact(id(1), address("2001:db8::1", 1)).encodedLength()).isEqualTo(39);
    }

    @Test
    void portZeroIsAcceptedButNotEncoded() {
        Contact c = new Contact(id(1), address("192.0.2.1", 0));
        assertThatThrownBy(() -> MessageCodec.encode(new Nodes(HEADER, OBSERVED_V4, WRITE_TOKEN, List.of(c))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port 0");
    }

    @Test
    void constructionIsValidatedAsBefore() {
        assertThatThrownBy(() -> new Contact(null, OBSERVED_V4)).isInstanceOf(NullPointerException.class).hasMessage("id");
        assertThatThrownBy(() -> new Contact(id(1), null)).isInstanceOf(NullPointerException.class).hasMessage("address");
        assertThatThrownBy(() -> new Contact(id(1), InetSocketAddress.createUnresolved("example.org", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resolved");
    }

    @Test
    void accessorsAndToString() {
        NodeId id = NodeId.fromHex("8000000000000001" + "00".repeat(12));
        InetSocketAddress a = address("2001:db8::1", 4000);
        Contact c = new Contact(id, a);
        assertThat(c.id()).isSameAs(id);
        assertThat(c.address()).isSameAs(a);
        assertThat(c.idHigh64()).isEqualTo(id.high64()).isEqualTo(0x8000000000000001L);
        assertThat(c.idMid64()).isZero();
        assertThat(c.idLow32()).isZero();
        assertThat(c).hasToString("80000000@2001:db8:0:0:0:0:0:1:4000");
    }

    @Test
    void flatIdPartsAreTheIdsBytesBigEndian() {
        NodeId id = NodeId.fromHex("0102030405060708" + "1112131415161718" + "f1f2f3f4");
        Contact c = new Contact(id, address("192.0.2.1", 4000));
        assertThat(c.idHigh64()).isEqualTo(0x0102030405060708L);
        assertThat(c.idMid64()).isEqualTo(0x1112131415161718L);
        assertThat(c.idLow32()).isEqualTo(0xf1f2f3f4);
    }

    @Test
    void sameIdComparesTheIdsOnly() {
        NodeId id = NodeId.fromHex("0102030405060708" + "1112131415161718" + "f1f2f3f4");
        Contact a = new Contact(id, address("192.0.2.1", 4000));
        Contact sameIdElsewhere = new Contact(NodeId.fromHex(id.toHex()), address("2001:db8::1", 5000));
        Contact lastBitDiffers = new Contact(NodeId.fromHex("0102030405060708" + "1112131415161718" + "f1f2f3f5"), a.address());
        Contact midDiffers = new Contact(NodeId.fromHex("0102030405060708" + "1112131415161719" + "f1f2f3f4"), a.address());
        assertThat(a.sameId(a)).isTrue();
        assertThat(a.sameId(sameIdElsewhere)).isTrue();
        assertThat(sameIdElsewhere.sameId(a)).isTrue();
        assertThat(a.sameId(lastBitDiffers)).isFalse();
        assertThat(a.sameId(midDiffers)).isFalse();
    }

    /** The contact list of a NODES answer holding {@code c} alone, without the count byte. */
    private static byte[] encode(Contact c) {
        byte[] wire = MessageCodec.encode(new Nodes(HEADER, OBSERVED_V4, WRITE_TOKEN, List.of(c)));
        int at = wire.length - c.encodedLength();
        assertThat(wire[at - 1]).isEqualTo((byte) 1); // count
        return java.util.Arrays.copyOfRange(wire, at, wire.length);
    }

    /** Written here from docs/PROTOCOL.md ("Contact", "Address"), from the NodeId and InetAddress objects. */
    private static byte[] expectedEncoding(Contact c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(c.id().toBytes());
        InetAddress ip = c.address().getAddress();
        byte[] raw = ip.getAddress();
        if (ip instanceof Inet4Address) {
            out.write(4);
            out.writeBytes(raw);
        } else if (isMapped(raw)) {
            out.write(4);
            out.write(raw, 12, 4);
        } else {
            out.write(6);
            out.writeBytes(raw);
        }
        out.write(c.address().getPort() >>> 8);
        out.write(c.address().getPort() & 0xFF);
        return out.toByteArray();
    }

    private static boolean isMapped(byte[] raw) {
        for (int i = 0; i < 10; i++) if (raw[i] != 0) return false;
        return raw[10] == (byte) 0xFF && raw[11] == (byte) 0xFF;
    }

    private static byte[] ipv6(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static NodeId lastBitSet(NodeId id) {
        byte[] b = id.toBytes();
        b[NodeId.BYTES - 1] ^= 1;
        return NodeId.fromBytes(b);
    }
}
