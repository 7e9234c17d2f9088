package io.peerdial.p2p.group;

import io.peerdial.overlay.identity.NodeId;
import java.util.List;

/**
 * What a send to every member did: the members this node handed the message to directly (each then
 * forwards it to its part of the group) and those it could not reach (skipped: their entries expire).
 */
public record SendReport(List<NodeId> handedTo, List<NodeId> unreachable) {

    public SendReport {
        handedTo = List.copyOf(handedTo);
        unreachable = List.copyOf(unreachable);
    }
}
