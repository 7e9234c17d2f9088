package io.peerdial.simulator.ice;

import io.peerdial.simulator.net.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A public node's STUN server (RFC 8489 Binding) and TURN-like relay (RFC 8656) in the
 * connectivity model. Clients talk to {@link #address()} over UDP or TCP; each allocation gets
 * its own relayed UDP port on the same IP. What the relay enforces is what decides outcomes:
 * a Send indication to a peer, and a packet from a peer, pass only when the allocation holds a
 * permission for the peer's IP address (RFC 8656 §9, §11.2, §11.4: ports are not part of it).
 * Lifetimes of allocations and permissions are not modelled (calls end by releasing them).
 * Sans-IO: {@link #handle} then {@link #pollTransmit}.
 */
public final class StunRelayServer {

    /** The STUN/TURN port. */
    public static final int PORT = 3478;
    private static final int FIRST_RELAY_PORT = 49152;

    private final InetSocketAddress address;
    private final Map<ClientKey, Allocation> byClient = new HashMap<>();
    private final Map<Integer, Allocation> byPort = new HashMap<>();
    private final ArrayDeque<Outgoing> out = new ArrayDeque<>();
    private int nextPort = FIRST_RELAY_PORT;
    private long relayedPackets;

    private record ClientKey(Transport transport, InetSocketAddress client) {}

    private static final class Allocation {
        final ClientKey client;
        final InetSocketAddress relayed;
        final Set<InetAddress> permissions = new HashSet<>(4);

        Allocation(ClientKey client, InetSocketAddress relayed) {
            this.client = client;
            this.relayed = relayed;
        }
    }

    public StunRelayServer(InetAddress ip) {
        this.address = new InetSocketAddress(ip, PORT);
    }

    public InetSocketAddress address() {
        return address;
    }

    /** A packet that arrived from {@code from} on this node's address {@code to}. */
    public void handle(long now, Transport transport, InetSocketAddress from, InetSocketAddress to, Packet p) {
        if (to.getPort() != PORT) {
            fromPeer(transport, from, to, p);
            return;
        }
        ClientKey key = new ClientKey(transport, from);
        if (p instanceof Packet.Binding b) {
            out.add(new Outgoing(transport, address, from, new Packet.BindingOk(b.tx(), from))); // RFC 8489 §14.2
        } else if (p instanceof Packet.Allocate a) {
            Allocation alloc = byClient.get(key);
            if (alloc == null) alloc = allocate(key); // a retransmitted Allocate gets the same answer
            out.add(new Outgoing(transport, address, from, new Packet.AllocateOk(a.tx(), alloc.relayed, from)));
        } else if (p instanceof Packet.Permit pm) {
            Allocation alloc = byClient.get(key);
            if (alloc == null) return; // RFC 8656 §9.2: 437 Allocation Mismatch, modelled as no answer
            alloc.permissions.addAll(pm.peers());
            out.add(new Outgoing(transport, address, from, new Packet.PermitOk(pm.tx())));
        } else if (p instanceof Packet.Send s) {
            Allocation alloc = byClient.get(key);
            // RFC 8656 §11.2: no permission for the peer's address -> discard silently
            if (alloc == null || !alloc.permissions.contains(s.peer().getAddress())) return;
            relayedPackets++;
            out.add(new Outgoing(Transport.UDP, alloc.relayed, s.peer(), s.data()));
        } else if (p instanceof Packet.Release) {
            Allocation alloc = byClient.remove(key);
            if (alloc != null) byPort.remove(alloc.relayed.getPort());
        } // responses and Data indications are not for a server
    }

    /** RFC 8656 §11.4: a UDP packet on a relayed address goes to the client as a Data indication, if permitted. */
    private void fromPeer(Transport transport, InetSocketAddress from, InetSocketAddress to, Packet p) {
        Allocation alloc = byPort.get(to.getPort());
        if (transport != Transport.UDP || alloc == null || !alloc.permissions.contains(from.getAddress())) return;
        relayedPackets++;
        out.add(new Outgoing(alloc.client.transport(), address, alloc.client.client(), new Packet.Data(from, p)));
    }

    private Allocation allocate(ClientKey key) {
        int port = nextPort;
        while (byPort.containsKey(port)) port = port == 65535 ? FIRST_RELAY_PORT : port + 1;
        nextPort = port == 65535 ? FIRST_RELAY_PORT : port + 1;
        Allocation a = new Allocation(key, new InetSocketAddress(address.getAddress(), port));
        byClient.put(key, a);
        byPort.put(port, a);
        return a;
    }

    public Outgoing pollTransmit() {
        return out.poll();
    }

    public int allocations() {
        return byClient.size();
    }

    /** Packets relayed in either direction (the relay's load). */
    public long relayedPackets() {
        return relayedPackets;
    }
}
