package io.peerdial.simulator.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every parameter an experiment file may set, with defaults (docs/SIMULATOR.md lists them). */
public final class Parameters {

    private Parameters() {}

    public static final List<Parameter> ALL = List.of(
            Parameter.text("name", "unnamed", "experiment name, copied into summary.json"),
            Parameter.longValue("seed", 1, 0, Long.MAX_VALUE, "run seed: every random draw derives from it"),
            Parameter.integer("engine.threads", 0, 0, 64,
                    "overlay model: threads the simulation runs on (0 = one per core, at most 8); the results do not depend on it"),
            Parameter.integer("engine.partitionsPerThread", 8, 1, 64,
                    "overlay model, several threads: node partitions per thread, which idle threads take over; the results do not depend on it"),
            Parameter.integer("nodes", 1000, 1, 10_000_000, "overlay size (nodes online at once; churn replaces leavers)"),
            Parameter.decimal("duration", 600, 1, 1e7, "simulated seconds of the measured phase"),
            Parameter.decimal("join.seconds", 300, 0, 1e7, "the initial nodes arrive uniformly over this many seconds"),
            Parameter.choice("join.bootstrap", "random", List.of("random", "chain"),
                    "whom a newcomer joins through: a random joined node, or (chain) the one that joined last"),
            Parameter.decimal("warmup", 120, 0, 1e7, "seconds between the end of the join window and the measured phase"),
            Parameter.decimal("drain", 30, 0, 3600, "seconds after the measured phase to let started operations finish"),
            Parameter.integer("network.dimensions", 2, 2, 3, "dimensions of the synthetic coordinate space"),
            Parameter.integer("network.clusters", 5, 1, 1000, "regions the coordinates gather around"),
            Parameter.decimal("network.rttMedianMs", 80, 1, 10_000, "median round-trip time between random pairs"),
            Parameter.decimal("network.accessMeanMs", 5, 0, 1000, "mean access-link delay (coordinate height) per node"),
            Parameter.decimal("network.jitterMs", 2, 0, 1000, "mean exponential jitter added to each one-way delay"),
            Parameter.decimal("network.loss", 0, 0, 1, "probability that a datagram is lost"),
            Parameter.integer("overlay.k", 20, 1, 20, "Kademlia bucket size and replication factor"),
            Parameter.integer("overlay.alpha", 3, 1, 20, "Kademlia lookup parallelism"),
            Parameter.integer("overlay.disjointPaths", 1, 1, 20, "S/Kademlia disjoint lookup paths d (1 = plain Kademlia; at most overlay.k)"),
            Parameter.decimal("adversary.fraction", 0, 0, 0.95, "fraction of nodes that are adversarial (drawn per node)"),
            Parameter.choice("adversary.behaviour", "misroute", List.of("drop", "misroute", "wrong-values"),
                    "what adversarial nodes do with answers to lookups"),
            Parameter.text("adversary.fractions", "0,0.1,0.2,0.3,0.4,0.5",
                    "adversarial experiment: the swept adversary fractions (comma-separated)"),
            Parameter.text("adversary.paths", "1,4", "adversarial experiment: the swept disjointPaths values (comma-separated)"),
            Parameter.choice("churn.model", "none", List.of("none", "exponential", "weibull", "pareto", "trace"),
                    "session-time distribution, or trace: join/leave times from churn.trace"),
            Parameter.text("churn.trace", "", "churn.model = trace: file of node,joinSeconds,leaveSeconds lines (or a shipped traces/NAME)"),
            Parameter.decimal("churn.medianSeconds", 1800, 1, 1e9, "median session time"),
            Parameter.decimal("churn.shape", 0.5, 0.01, 100, "Weibull shape k or Pareto shape a"),
            Parameter.decimal("churn.replaceAfterSeconds", 0, 0, 1e7, "mean (exponential) delay before a leaver's replacement arrives; 0 = at once"),
            Parameter.decimal("churn.gracefulFraction", 0, 0, 1, "fraction of departures that are graceful (same as silent until the overlay has a LEAVE message)"),
            Parameter.decimal("lookups.perNodePerHour", 6, 0, 1e6, "FIND_NODE lookups of random targets per node per hour (Poisson)"),
            Parameter.decimal("storage.putsPerSecond", 0, 0, 1e7, "STOREs of new random keys per second, whole overlay (Poisson)"),
            Parameter.decimal("storage.getsPerSecond", 0, 0, 1e7, "FIND_VALUEs of stored, unexpired keys per second (Poisson)"),
            Parameter.decimal("storage.ttlSeconds", 3600, 1, 1e7, "lifetime of a stored value on its holders"),
            Parameter.integer("storage.valueBytes", 64, 1, 1024, "size of each stored value"),
            Parameter.decimal("output.sampleSeconds", 60, 1, 1e7, "interval of the CSV time series"),
            Parameter.bool("output.lookupSamples", true, "write one CSV row per measured lookup"),
            Parameter.choice("model", "overlay", List.of("overlay", "connectivity", "adversarial"),
                    "overlay: the Kademlia cores; connectivity: calls through NAT devices (nat-mix), no overlay; "
                            + "adversarial: overlay runs swept over adversary.fractions x adversary.paths"),
            Parameter.integer("calls", 10_000, 1, 100_000_000, "connectivity: calls between uniformly random node pairs, spread evenly over duration"),
            Parameter.decimal("mix.PUBLIC", 0.1, 0, 1, "connectivity: fraction of nodes with a public address"),
            Parameter.decimal("mix.FULL_CONE", 0, 0, 1, "connectivity: endpoint-independent mapping and filtering"),
            Parameter.decimal("mix.ADDRESS_RESTRICTED", 0.3, 0, 1, "connectivity: endpoint-independent mapping, address-dependent filtering"),
            Parameter.decimal("mix.PORT_RESTRICTED", 0, 0, 1, "connectivity: endpoint-independent mapping, address-and-port-dependent filtering"),
            Parameter.decimal("mix.SYMMETRIC", 0.3, 0, 1, "connectivity: address-and-port-dependent mapping and filtering"),
            Parameter.decimal("mix.UDP_BLOCKED", 0.3, 0, 1, "connectivity: UDP dropped both ways, TCP out allowed"),
            Parameter.decimal("nat.bindingSeconds", 120, 0.001, 1e7, "connectivity: UDP binding timeout, refreshed by outbound packets"),
            Parameter.decimal("nat.portPreservation", 0.5, 0, 1, "connectivity: fraction of NATs that keep the internal port when it is free"),
            Parameter.integer("connectivity.servers", 4, 1, 100_000, "connectivity: public STUN/relay servers (extra nodes, not call endpoints)"),
            Parameter.integer("ice.taMs", 50, 1, 10_000, "connectivity: pacing between connectivity checks (RFC 8445 Ta)"),
            Parameter.integer("ice.rtoMs", 500, 1, 60_000, "connectivity: first retransmission timeout, doubling (RFC 8489 §6.2.1)"),
            Parameter.integer("ice.transmissions", 4, 1, 10, "connectivity: transmissions of each request before it fails"),
            Parameter.decimal("ice.timeoutSeconds", 30, 0.001, 3600, "connectivity: the controlling agent selects what it has after this long"),
            Parameter.choice("relay.policy", "none", List.of("none", "naive", "incentive"),
                    "connectivity (relay-load): which public node relays a relayed call; none = the STUN/relay servers only"),
            Parameter.decimal("relay.callSeconds", 120, 1, 1e6, "relay-load: mean (exponential) duration of a relayed session"),
            Parameter.integer("relay.bytesPerSecond", 20_000, 1, 1_000_000_000, "relay-load: bytes relayed per second of a session (both ways)"),
            Parameter.integer("relay.maxSessions", 100, 1, 1_000_000, "relay-load: operator cap (sessions at once) of each relay, incentive policy"),
            Parameter.integer("relay.naiveMaxSessions", 10_000, 1, 10_000_000, "relay-load: hard maximum of sessions at once per relay, naive policy"),
            Parameter.integer("relay.perRequester", 4, 1, 1_000_000, "relay-load: sessions one requester may hold on one relay, incentive policy"),
            Parameter.integer("relay.tries", 8, 1, 1_000_000, "relay-load: nearest relays (by RTT) a caller tries in order"),
            Parameter.decimal("relay.freeRiders", 0, 0, 1, "relay-load: fraction of public nodes that never relay (caps none())"),
            Parameter.decimal("relay.newcomerAllowanceMb", 50, 0, 1e6, "relay-load: AdmissionRules newcomer allowance (MB of debt)"),
            Parameter.decimal("relay.freeBelow", 0.5, 0, 1, "relay-load: AdmissionRules utilisation below which balance does not matter"),
            Parameter.decimal("relay.balanceAtFullLoadMb", 500, 0, 1e6, "relay-load: AdmissionRules balance needed for a relay's last slot (MB)"));

    /** Prefix of the node-mix fractions: the first one set in a file or override zeroes the others' defaults. */
    public static final String MIX_PREFIX = "mix.";

    private static final Map<String, Parameter> BY_KEY = new LinkedHashMap<>();

    static {
        for (Parameter p : ALL) BY_KEY.put(p.key(), p);
    }

    public static Parameter get(String key) {
        Parameter p = BY_KEY.get(key);
        if (p == null) {
            throw new ExperimentException(key, "unknown parameter '" + key + "' (valid: " + String.join(", ", BY_KEY.keySet()) + ")");
        }
        return p;
    }
}
