package io.peerdial.node.media.ice;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TURN server (RFC 8656) to gather relay candidates from, with its long-term credential.
 *
 * @param tcp reach the server over TCP (RFC 8656 §3.1: the client↔server leg over TCP, the
 *            allocation still relays UDP) — what a node whose UDP is blocked needs
 */
public record TurnServer(InetSocketAddress address, String username, String password, boolean tcp) {
    public TurnServer {
        Objects.requireNonNull(address);
        Objects.requireNonNull(username);
        Objects.requireNonNull(password);
    }

    /** A TURN server reached over UDP. */
    public TurnServer(InetSocketAddress address, String username, String password) {
        this(address, username, password, false);
    }

    @Override
    public String toString() { // keeps the password out of logs
        return "TurnServer[" + address + (tcp ? "/tcp" : "/udp") + ", " + username + "]";
    }
}
