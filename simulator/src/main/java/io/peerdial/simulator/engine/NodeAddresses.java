package io.peerdial.simulator.engine;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.kademlia.ContactInterner;
import io.peerdial.overlay.wire.Contact;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Where the simulated nodes live, and the one {@link Contact} of each that every routing table
 * points at. Node {@code i}'s address is computed from {@code i} (each node in its own /24, port
 * 4000), so finding the node of an address — a datagram's receiver, a contact in an answer — is
 * arithmetic, not a map lookup.
 *
 * <p>It is the overlay cores' {@link ContactInterner}: a contact equal to a simulated node's own is
 * replaced by the one shared instance, so a table entry costs the entry alone and not a decoded
 * NodeId, address and Contact per table. The decoder asks it too (as
 * {@link io.peerdial.overlay.wire.KnownContacts}), with the address bytes of every contact it has
 * parsed and checked: a node's address gives its number, so a received NODES answer names the shared
 * instances without building copies (the codec itself checks the NodeId).
 *
 * <p>Threads: nodes are added and their contacts set between windows; during a window the
 * partitions only read.
 */
final class NodeAddresses implements ContactInterner {

    private static final int PORT = 4000;
    private static final int FIRST_OCTET = 11;

    private InetSocketAddress[] addresses = new InetSocketAddress[1024];
    private Contact[] contacts = new Contact[1024];
    private int count;

    /** Places the next node; returns its index. */
    int add() {
        int n = count;
        if (n == addresses.length) {
            addresses = Arrays.copyOf(addresses, 2 * n);
            contacts = Arrays.copyOf(contacts, 2 * n);
        }
        addresses[n] = addressOf(n);
        count = n + 1;
        return n;
    }

    InetSocketAddress address(int node) {
        return addresses[node];
    }

    /** The shared contact of {@code node}, or null before it arrives. */
    Contact contact(int node) {
        return contacts[node];
    }

    /** Sets the shared contact of a node that arrives (its NodeId is new at each arrival). */
    Contact arrived(int node, NodeId id) {
        return contacts[node] = new Contact(id, addresses[node]);
    }

    /** Node {@code i} lives at {11 + i/65536}.{i/256 % 256}.{i % 256}.1:4000: one node per /24. */
    static InetSocketAddress addressOf(int i) {
        if (i >= (255 - FIRST_OCTET) << 16) throw new IllegalStateException("address space exhausted at node " + i);
        byte[] ip = {(byte) (FIRST_OCTET + (i >>> 16)), (byte) (i >>> 8), (byte) i, 1};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), PORT); // never resolves: no IO
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }

    /** The node at {@code a}, or -1. */
    int indexOf(InetSocketAddress a) {
        if (a.getPort() != PORT || !(a.getAddress() instanceof Inet4Address ip4)) return -1;
        int ip = ip4.hashCode(); // Inet4Address: the address as a big-endian int, no array copy
        if ((ip & 0xFF) != 1) return -1;
        int i = (((ip >>> 24) - FIRST_OCTET) << 16) | (ip >>> 8 & 0xFFFF);
        return i >= 0 && i < count ? i : -1;
    }

    /** The inverse of {@link #addressOf} on wire bytes: the node whose address this is, or -1. */
    private int indexOf(byte[] buf, int at, int length, int port) {
        if (length != 4 || port != PORT || buf[at + 3] != 1) return -1;
        int i = (((buf[at] & 0xFF) - FIRST_OCTET) << 16) | (buf[at + 1] & 0xFF) << 8 | (buf[at + 2] & 0xFF);
        return i >= 0 && i < count ? i : -1;
    }

    @Override
    public Contact intern(Contact c) {
        int i = indexOf(c.address());
        if (i < 0) return c;
        Contact shared = contacts[i];
        return shared != null && shared.id().equals(c.id()) ? shared : c;
    }

    @Override
    public Contact contactOf(NodeId id, InetSocketAddress address) {
        int i = indexOf(address);
        Contact shared = i < 0 ? null : contacts[i];
        return shared != null && shared.id().equals(id) ? shared : new Contact(id, address);
    }

    @Override
    public Contact contact(byte[] buf, int idAt, int addressAt, int addressLength, int port) {
        int i = indexOf(buf, addressAt, addressLength, port);
        return i < 0 ? null : contacts[i]; // null until the node arrives
    }

    @Override
    public InetSocketAddress address(byte[] buf, int addressAt, int addressLength, int port) {
        int i = indexOf(buf, addressAt, addressLength, port);
        return i < 0 ? null : addresses[i];
    }
}
