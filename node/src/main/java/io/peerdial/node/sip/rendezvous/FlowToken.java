package io.peerdial.node.sip.rendezvous;

import io.peerdial.overlay.identity.NodeId;
import java.util.Locale;

/**
 * The name of a client's flow at its super-node: the client's NodeId in lower-case hex, carried as
 * the user part of the super-node's Route / Record-Route URI ({@code <sip:TOKEN@super:port;lr>},
 * RFC 5626 §5.3 puts its flow token in the same place). It names a client, not a secret: a flow
 * only forwards to the node that registered it with its own signature, which verifies every
 * request it receives.
 */
public final class FlowToken {

    /** The domain of a flow registration's From/To URI: {@code sip:TOKEN@flow.peerdial.invalid}. */
    public static final String DOMAIN = "flow.peerdial.invalid";

    private FlowToken() {
    }

    public static String of(NodeId client) {
        return client.toHex();
    }

    /** The client a Route user part names, or null when it is not a flow token. */
    public static NodeId parse(String user) {
        if (user == null || user.length() != 2 * NodeId.BYTES) return null;
        String lower = user.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return null;
        }
        return NodeId.fromHex(lower);
    }
}
