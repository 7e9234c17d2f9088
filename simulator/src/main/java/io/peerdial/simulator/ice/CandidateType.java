package io.peerdial.simulator.ice;

/** ICE candidate types with their RFC 8445 §5.1.2.2 recommended type preferences. */
public enum CandidateType {
    HOST(126), PEER_REFLEXIVE(110), SERVER_REFLEXIVE(100), RELAYED(0);

    final int typePreference;

    CandidateType(int typePreference) {
        this.typePreference = typePreference;
    }
}
