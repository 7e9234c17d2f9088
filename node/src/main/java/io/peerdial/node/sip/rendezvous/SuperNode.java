package io.peerdial.node.sip.rendezvous;

import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.Objects;

/** A super-node a client may keep a flow to: its identity and its node face (SIP, UDP and TCP). */
public record SuperNode(NodeId id, InetSocketAddress sip) {
    public SuperNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sip, "sip");
    }
}
