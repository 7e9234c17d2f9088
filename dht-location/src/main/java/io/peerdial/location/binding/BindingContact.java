package io.peerdial.location.binding;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One way to reach a device: directly at a transport address, or through a rendezvous super-node
 * (identified by its NodeId, so a caller can check it is talking to that node) at its address.
 *
 * @param rendezvous the super-node's NodeId, {@code null} for a direct contact
 */
public record BindingContact(Transport transport, InetAddress address, int port, NodeId rendezvous) {

    public enum Transport {
        UDP(1),
        TCP(2);

        public final int code;

        Transport(int code) {
            this.code = code;
        }

        public static Transport ofCode(int code) {
            for (Transport t : values()) if (t.code == code) return t;
            return null;
        }
    }

    public BindingContact {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " out of range");
    }

    public static BindingContact direct(Transport transport, InetAddress address, int port) {
        return new BindingContact(transport, address, port, null);
    }

    public static BindingContact viaRendezvous(NodeId superNode, Transport transport, InetAddress address, int port) {
        return new BindingContact(transport, address, port, Objects.requireNonNull(superNode, "superNode"));
    }

    public boolean isRendezvous() {
        return rendezvous != null;
    }

    @Override
    public String toString() {
        String a = transport + " " + address.getHostAddress() + " " + port;
        return rendezvous == null ? "direct " + a : "rendezvous " + a + " " + rendezvous;
    }
}
