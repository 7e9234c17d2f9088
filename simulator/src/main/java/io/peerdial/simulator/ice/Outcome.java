package io.peerdial.simulator.ice;

/** How a call's media path ended up (the {@code calls.outcome.*} keys of summary.json). */
public enum Outcome {
    /** Selected pair of host / server-reflexive / peer-reflexive candidates only. */
    DIRECT("direct"),
    /** A relayed candidate in the selected pair, every relay reached over UDP. */
    RELAY_UDP("relayUdp"),
    /** A relayed candidate reached over TCP in the selected pair. */
    RELAY_TCP("relayTcp"),
    /** No check succeeded. */
    FAILED("failed");

    public final String key;

    Outcome(String key) {
        this.key = key;
    }
}
