package io.peerdial.p2p;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The path ICE selected for a {@link P2PSocket} (RFC 8445 §8.1.1).
 *
 * @param type            direct or relayed
 * @param local           our candidate's address
 * @param localCandidate  its RFC 8839 type: host, srflx, prflx or relay
 * @param remote          the peer's candidate's address
 * @param remoteCandidate its type
 * @param iceTime         how long the connectivity checks took
 */
public record P2PPath(PathType type, InetSocketAddress local, String localCandidate, InetSocketAddress remote,
                      String remoteCandidate, Duration iceTime) {
}
