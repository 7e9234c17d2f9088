package io.peerdial.node.relay;

import io.peerdial.node.daemon.Role;
import io.peerdial.overlay.nat.Reachability;

/**
 * Whether this node relays for others now (ARCHITECTURE.md, "Reachability and roles"): a pure
 * function of the asked role, the operator's options, what peers say about our NAT and uptime.
 * {@code --role super} relays (the operator vouches for a public address), {@code --role client}
 * never does, {@code --role auto} once the node is PUBLIC and has been up {@code minUptimeMs}
 * (short-lived nodes would strand the calls relayed through them). An operator cap of nothing
 * ({@code --relay off}, 0 sessions) wins over every role.
 */
public final class SuperNodeElection {

    /** The outcome, with the reason {@code peerdial status} shows. */
    public record Decision(boolean relay, String reason) {}

    private SuperNodeElection() {}

    public static Decision decide(Role role, RelayOptions options, Reachability reachability, long uptimeMs, boolean hasRelayAddress) {
        if (options.givesNothing()) return new Decision(false, "relay off (operator cap gives nothing)");
        if (role == Role.CLIENT) return new Decision(false, "role client");
        if (!hasRelayAddress) return new Decision(false, "no relay address: listen on a concrete address or give --relay-ip");
        if (role == Role.SUPER) return new Decision(true, "role super");
        if (reachability != Reachability.PUBLIC) return new Decision(false, "reachability " + reachability + ", not PUBLIC");
        if (uptimeMs < options.minUptimeMs()) {
            return new Decision(false, "uptime " + uptimeMs / 1000 + " s < " + options.minUptimeMs() / 1000 + " s");
        }
        return new Decision(true, "PUBLIC with " + uptimeMs / 1000 + " s uptime");
    }
}
