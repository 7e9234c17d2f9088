package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.overlay.wire.KnownContacts;
import java.net.InetSocketAddress;

/**
 * Maps a contact to a canonical instance equal to it before it is kept (routing table, challenge
 * set). A real node keeps the contacts it decoded ({@link #NONE}); the simulator hands every core
 * one shared interner so that the routing tables of 10^5 nodes point at one {@code Contact} (and
 * one {@code NodeId}, one address) per simulated node instead of a decoded copy per table entry.
 * Must return a contact {@linkplain Contact#equals equal} to its argument.
 *
 * <p>As {@link KnownContacts} it is also handed to the decoder, so that the contacts of a received
 * answer are the canonical instances from the start (the simulator's lookup finds them by arithmetic
 * on the address bytes, without decoding a copy first). The default finds none.
 */
@FunctionalInterface
public interface ContactInterner extends KnownContacts {

    ContactInterner NONE = c -> c;

    Contact intern(Contact contact);

    /**
     * The canonical contact for a sender heard at {@code address}: the same as interning a new
     * {@code Contact(id, address)}, which is what it does unless an interner can find its instance
     * without building the throwaway first (the simulator does, once per received datagram).
     */
    default Contact contactOf(NodeId id, InetSocketAddress address) {
        return intern(new Contact(id, address));
    }
}
