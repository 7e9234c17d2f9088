package io.peerdial.overlay.wire;

import static io.peerdial.overlay.wire.WireFixtures.HEADER;
import static io.peerdial.overlay.wire.WireFixtures.OBSERVED_V4;
import static io.peerdial.overlay.wire.WireFixtures.WRITE_TOKEN;
import static io.peerdial.overlay.wire.WireFixtures.address;
import static io.peerdial.overlay.wire.WireFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

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

    private static io.peerdial.overlay.identity.NodeId withLastByteFlipped(Contact c) {
        byte[] bytes = c.id().toBytes();
        bytes[bytes.length - 1] ^= 1;
        return io.peerdial.overlay.identity.NodeId.fromBytes(bytes);
    }
}
