package io.peerdial.node.media.ice;

import java.net.InetSocketAddress;
import java.util.Objects;

/** A TURN server (RFC 8656) to gather relay candidates from, with its long-term credential. */
public record TurnServer(InetSocketAddress address, String username, String password) {
    public TurnServer {
        Objects.requireNonNull(address);
        Objects.requireNonNull(username);
        Objects.requireNonNull(password);
    }

    @Override
    public String toString() { // keeps the password out of logs
        return "TurnServer[" + address + ", " + username + "]";
    }
}
