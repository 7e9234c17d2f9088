package io.peerdial.p2p.group;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import java.util.Objects;

/**
 * One member of a group as its DHT entry names it: the member node's overlay contact (where group
 * messages for it go).
 */
public record Member(Contact contact) implements Comparable<Member> {

    public Member {
        Objects.requireNonNull(contact, "contact");
    }

    public NodeId node() {
        return contact.id();
    }

    /** Members are ordered by NodeId (unsigned): the order the fan-out tree splits them in. */
    @Override
    public int compareTo(Member o) {
        return node().compareTo(o.node());
    }
}
