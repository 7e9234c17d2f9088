package io.peerdial.relay.server;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which peer addresses a client may reach through the relay. Without it a TURN server is an open
 * door into the operator's own network: loopback and private (RFC 1918, RFC 4193) addresses are
 * refused with 403 (RFC 8656 §21.2.3 "Access to internal networks"), unless configured, as
 * coturn's {@code --allow-loopback-peers} and its denied-peer-ip ranges do. Wildcard and multicast
 * peers are always refused.
 */
public record PeerAddressPolicy(boolean allowLoopback, boolean allowPrivate) {

    public static PeerAddressPolicy strict() {
        return new PeerAddressPolicy(false, false);
    }

    public boolean permits(InetAddress peer) {
        if (peer.isAnyLocalAddress() || peer.isMulticastAddress()) {
            return false;
        }
        if (peer.isLoopbackAddress()) {
            return allowLoopback;
        }
        if (peer.isSiteLocalAddress() || peer.isLinkLocalAddress() || isUniqueLocal(peer)) {
            return allowPrivate;
        }
        return true;
    }

    /** fc00::/7 (RFC 4193), which InetAddress does not count as site-local. */
    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xFE) == 0xFC;
    }
}
