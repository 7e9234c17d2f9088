package io.peerdial.overlay.wire;

import static io.peerdial.overlay.wire.WireFixtures.HEADER;
import static io.peerdial.overlay.wire.WireFixtures.OBSERVED_V4;
import static io.peerdial.overlay.wire.WireFixtures.WRITE_TOKEN;
import static io.peerdial.overlay.wire.WireFixtures.address;
import static io.peerdial.overlay.wire.WireFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding with {@link KnownContacts}: the held instances come back, and only when they match the bytes. */
class KnownContactsTest {

    private final Contact a = new Contact(id(0x11), address("192.0.2.10", 4000));
    private final Contact b = new Contact(id(0x22), address("2001:db8::2", 4001));
    private final byte[] wire = MessageCodec.encode(new Nodes(HEADER, OBSERVED_V4, WRITE_TOKEN, List.of(a, b)));

    /** Hands out {@code held} for the contact whose first ID byte is {@code held}'s, records what it was asked. */
    private static final class Holder implements KnownContacts {
        final List<Contact> held;
        final InetSocketAddress observed;
        final List<String> asked = new ArrayList<>();

        Holder(InetSocketAddress observed, Contact... held) {
            this.held = List.of(held);
            this.observed = observed;
        }

        @Override
        public Contact contact(byte[] buf, int idAt, int addressAt, int addressLength, int port) {
            asked.add((buf[idAt] & 0xFF) + "/" + addressLength + "/" + port);
            for (Contact c : held) if (c.id().toBytes()[0] == buf[idAt]) return c;
            return null;
        }

        @Override
        public InetSocketAddress address(byte[] buf, int addressAt, int addressLength, int port) {
            return observed;
        }
    }

    private static Nodes decode(byte[] wire, KnownContacts known) throws WireException {
        return (Nodes) MessageCodec.decode(wire, 0, wire.length, known);
    }

    @Test
    void heldInstancesAreReturnedAsTheyAre() throws WireException {
        Contact heldA = new Contact(a.id(), a.address()); // equal, not the encoded instance
        InetSocketAddress heldObserved = new InetSocketAddress(OBSERVED_V4.getAddress(), OBSERVED_V4.getPort());
        Holder known = new Holder(heldObserved, heldA);

        Nodes nodes = decode(wire, known);

        assertThat(nodes.contacts()).containsExactly(a, b);
        assertThat(nodes.contacts().get(0)).isSameAs(heldA);
        assertThat(nodes.contacts().get(1)).isNotSameAs(b); // not held: decoded as usual
        assertThat(nodes.observed()).isSameAs(heldObserved);
        assertThat(known.asked).containsExactly(0x11 + "/4/4000", 0x22 + "/16/4001");
    }

    @Test
    void aHeldContactWithAnotherIdIsNotUsed() throws WireException {
        Contact sameFirstByteOtherId = new Contact(withLastByteFlipped(a), a.address());

        Nodes nodes = decode(wire, new Holder(null, sameFirstByteOtherId));

        assertThat(nodes.contacts()).containsExactly(a, b);
        assertThat(nodes.contacts().get(0)).isNotSameAs(sameFirstByteOtherId);
    }

    @Test
    void withoutHeldInstancesTheMessageIsTheSame() throws WireException {
        assertThat(decode(wire, KnownContacts.NONE)).isEqualTo(MessageCodec.decode(wire));
        assertThat(decode(wire, new Holder(null))).isEqualTo(MessageCodec.decode(wire));
    }

    @Test
    void aHeldContactWithAnotherAddressOrPortIsNotUsed() throws WireException {
        Contact otherPort = new Contact(a.id(), address("192.0.2.10", 4001));
        Contact otherAddress = new Contact(a.id(), address("192.0.2.11", 4000));
        Contact otherFamily = new Contact(b.id(), address("192.0.2.10", 4001));

        for (Contact held : List.of(otherPort, otherAddress, otherFamily)) {
            Nodes nodes = decode(wire, new Holder(null, held));

            assertThat(nodes.contacts()).containsExactly(a, b);
            assertThat(nodes.contacts()).noneMatch(c -> c == held);
        }
    }

    /**
     * Whatever contact is held, the decoded one is equal to the one decoded without it, and it is the
     * held instance exactly when the held one is equal: over ID, address family, bytes and port.
     */
    @Test
    void aHeldContactIsUsedExactlyWhenItIsEqual() throws Exception {
        List<Contact> pool = ContactTest.pool();
        int used = 0;
        for (Contact encoded : pool) {
            byte[] message = MessageCodec.encode(new Nodes(HEADER, OBSERVED_V4, WRITE_TOKEN, List.of(encoded)));
            Contact fresh = decode(message, KnownContacts.NONE).contacts().get(0);
            for (Contact held : pool) {
                Contact decoded = decode(message, always(held)).contacts().get(0);

                assertThat(decoded).as("%s held, %s sent", held, encoded).isEqualTo(fresh);
                assertThat(decoded == held).as("%s held, %s sent", held, encoded).isEqualTo(held.equals(fresh));
                if (decoded == held) used++;
            }
        }
        assertThat(used).isPositive();
    }

    /** A peer may send an IPv4-mapped address as family 6: it decodes to an Inet4Address, so the IPv4 contact is held. */
    @Test
    void anIpv4MappedFamily6AddressFindsTheHeldIpv4Contact() throws Exception {
        Contact v4 = new Contact(id(0x33), address("192.0.2.1", 4000));
        Contact mappedInet6 = new Contact(id(0x33), new InetSocketAddress(
                java.net.Inet6Address.getByAddress(null, ContactTest.MAPPED, -1), 4000));
        byte[] message = MessageCodec.encode(new Nodes(HEADER, OBSERVED_V4, WRITE_TOKEN, List.of(v4)));
        byte[] family6 = new byte[message.length + 12];
        int contactAt = message.length - Contact.IPV4_BYTES;
        System.arraycopy(message, 0, family6, 0, contactAt + NodeId.BYTES);
        family6[contactAt + NodeId.BYTES] = 6;
        System.arraycopy(ContactTest.MAPPED, 0, family6, contactAt + NodeId.BYTES + 1, 16);
        family6[family6.length - 2] = (byte) (4000 >>> 8);
        family6[family6.length - 1] = (byte) 4000;

        Contact fresh = decode(family6, KnownContacts.NONE).contacts().get(0);
        assertThat(fresh).isEqualTo(v4);
        assertThat(decode(family6, always(v4)).contacts().get(0)).isSameAs(v4);
        assertThat(decode(family6, always(mappedInet6)).contacts().get(0)).isNotSameAs(mappedInet6).isEqualTo(v4);
        assertThat(decode(message, always(mappedInet6)).contacts().get(0)).isNotSameAs(mappedInet6).isEqualTo(v4);
    }

    private static KnownContacts always(Contact held) {
        return new KnownContacts() {
            @Override
            public Contact contact(byte[] buf, int idAt, int addressAt, int addressLength, int port) {
                return held;
            }
        };
    }

    private static NodeId withLastByteFlipped(Contact c) {
        byte[] bytes = c.id().toBytes();
        bytes[bytes.length - 1] ^= 1;
        return NodeId.fromBytes(bytes);
    }
}
