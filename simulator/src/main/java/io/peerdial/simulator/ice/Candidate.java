package io.peerdial.simulator.ice;

import java.net.InetSocketAddress;

/**
 * One ICE candidate (RFC 8445 §5.1.1). {@code overTcp} marks a relayed candidate whose
 * client-to-relay leg is TCP (the relay's far side is always UDP, RFC 8656 §3.1).
 */
public record Candidate(CandidateType type, InetSocketAddress address, long priority, boolean overTcp) {

    /** RFC 8445 §5.1.2.1: priority = 2^24·type preference + 2^8·local preference + (256 − component id). */
    static long priority(CandidateType type, int localPreference) {
        return ((long) type.typePreference << 24) + ((long) localPreference << 8) + (256 - 1);
    }

    static Candidate of(CandidateType type, InetSocketAddress address, boolean overTcp) {
        // a TURN-over-TCP candidate ranks below TURN over UDP (RFC 8445 §5.1.2.2 leaves local preference to us)
        return new Candidate(type, address, priority(type, overTcp ? 32767 : 65535), overTcp);
    }

    boolean relayed() {
        return type == CandidateType.RELAYED;
    }
}
