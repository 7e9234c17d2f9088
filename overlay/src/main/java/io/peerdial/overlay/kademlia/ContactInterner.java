package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.wire.Contact;

/**
 * Maps a contact to a canonical instance equal to it before it is kept (routing table, challenge
 * set). A real node keeps the contacts it decoded ({@link #NONE}); the simulator hands every core
 * one shared interner so that the routing tables of 10^5 nodes point at one {@code Contact} (and
 * one {@code NodeId}, one address) per simulated node instead of a decoded copy per table entry.
 * Must return a contact {@linkplain Contact#equals equal} to its argument.
 */
@FunctionalInterface
public interface ContactInterner {

    ContactInterner NONE = c -> c;

    Contact intern(Contact contact);
}
