package io.peerdial.overlay.wire;

import java.net.InetSocketAddress;

/**
 * Instances the decoder may return instead of building new ones: a {@link Contact} (or address)
 * already held that is equal to the one being decoded. The bytes are still parsed and checked in
 * full first; only the allocation of the NodeId, the address objects and the Contact is saved.
 *
 * <p>A real node decodes with {@link #NONE}. The simulator, whose 10^5 nodes receive millions of
 * NODES answers naming the same few thousand contacts, hands its cores one lookup that finds the
 * one Contact it made for each simulated node by arithmetic on the address (docs/SIMULATOR.md,
 * "Shared contacts, no codec bypass"): the routing tables, lookups and buckets then share one
 * instance per node, and a decoded answer allocates no contacts.
 *
 * <p>Contract: a returned address must have exactly the given address bytes and port (the decoder
 * does not look: that would touch three more objects). A returned contact is checked in full: the
 * decoder uses it only if it is equal to what the bytes decode to (NodeId, address, port, read from
 * the contact's own fields), and builds a new contact otherwise. Must not keep or modify {@code buf}.
 */
public interface KnownContacts {

    KnownContacts NONE = new KnownContacts() {};

    /**
     * The contact whose NodeId is {@code buf[idAt, idAt + 20)} and whose address is the
     * {@code addressLength} (4 or 16) bytes at {@code addressAt} with {@code port}, or null.
     */
    default Contact contact(byte[] buf, int idAt, int addressAt, int addressLength, int port) {
        return null;
    }

    /** The address made of the {@code addressLength} (4 or 16) bytes at {@code addressAt} and {@code port}, or null. */
    default InetSocketAddress address(byte[] buf, int addressAt, int addressLength, int port) {
        return null;
    }
}
