package io.peerdial.node.media.ice;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The pair ICE selected for the one component (RFC 8445 §8.1.1), and how long the checks took.
 *
 * @param startToCompleted from {@link IceSession#start} to ice4j's COMPLETED state
 * @param generation       0 for the first ICE run, +1 for each ICE restart
 */
public record SelectedPair(CandidateKind localType, InetSocketAddress local,
                           CandidateKind remoteType, InetSocketAddress remote,
                           Duration startToCompleted, int generation) {
}
