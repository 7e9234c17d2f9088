package io.peerdial.node.media.ice;

/**
 * What one ice4j candidate harvester did for a session (its {@code HarvestStatistics}).
 *
 * @param harvester  the harvester, e.g. "StunCandidateHarvester[127.0.0.1:40000]"
 * @param harvests   how many harvests it ran
 * @param candidates how many candidates it produced in total (0 for STUN on loopback: the
 *                   server-reflexive address equals the host address and is not kept)
 * @param millis     time spent harvesting
 */
public record HarvestReport(String harvester, int harvests, int candidates, long millis) {
}
