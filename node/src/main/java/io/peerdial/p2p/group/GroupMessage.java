package io.peerdial.p2p.group;

import io.peerdial.overlay.identity.NodeId;
import java.util.Objects;

/**
 * A message a group socket received.
 *
 * @param group  the group's name
 * @param sender the member that sent it (its NodeId; unproved)
 * @param toAll  true when it was sent to every member, false when to one member ({@code sendAny})
 */
public record GroupMessage(String group, NodeId sender, byte[] payload, boolean toAll) {

    public GroupMessage {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(sender, "sender");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public String toString() {
        return "GroupMessage[" + group + " from " + sender.shortHex() + ", " + payload.length + " bytes" + (toAll ? "" : ", any") + "]";
    }
}
