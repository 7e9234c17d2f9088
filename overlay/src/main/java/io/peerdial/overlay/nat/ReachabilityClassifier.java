package io.peerdial.overlay.nat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * Classifies this node's reachability from observations (sans-IO: no clock of its own).
 *
 * <p>Theory of operation. Every overlay answer carries the address its sender saw our request come
 * from (the reflexive address). Two peers at different IP addresses are needed to tell mappings
 * apart (RFC 5780 §4.3: a second server address), so observations are kept per observer IP, the
 * latest one each, bounded to the {@value #MAX_OBSERVERS} most recent observers:
 * <ul>
 * <li>some observer saw one of our own bound addresses → {@link Reachability#PUBLIC};</li>
 * <li>two observers at different IPs saw the same address → {@link Reachability#CONE};</li>
 * <li>two observers at different IPs saw different addresses → {@link Reachability#SYMMETRIC};</li>
 * <li>at least {@value #BLOCKED_AFTER_REQUESTS} requests sent over at least
 *     {@value #BLOCKED_AFTER_MS} ms and not one answer → {@link Reachability#UDP_BLOCKED};</li>
 * <li>otherwise {@link Reachability#UNKNOWN}.</li>
 * </ul>
 * A later observation can change the verdict (a NAT rebooted, the node moved), which is why only
 * the latest observation per observer counts. A node bound to a wildcard address has its local
 * addresses given by the driver (the interfaces' addresses with the bound port).
 *
 * <p>A node whose driver carries its datagrams over TCP because UDP is blocked is
 * {@linkplain #pinUdpBlocked pinned} to {@link Reachability#UDP_BLOCKED}: the addresses peers see
 * its TCP connections come from say nothing about UDP (docs/PROTOCOL.md "Datagrams over TCP").
 */
public final class ReachabilityClassifier {

    static final int MAX_OBSERVERS = 8;
    static final int BLOCKED_AFTER_REQUESTS = 3;
    static final long BLOCKED_AFTER_MS = 5_000;


    private Set<InetSocketAddress> local = Set.of();
    /**
     * The last observation per observer IP, oldest first (a node keeps one classifier and updates
     * it on every answer): observer IP and the address it reported side by side in one array
     * ({@code [2i]}, {@code [2i + 1]}), and the IP's hash (checked before {@code equals}, which
     * would touch the address object).
     */
    private final Object[] observations = new Object[2 * MAX_OBSERVERS];
    private final int[] observerHashes = new int[MAX_OBSERVERS];
    private int count;
    private long firstRequestAt = Long.MIN_VALUE;
    private long lastRequestAt;
    private int requestsWithoutAnswer;
    private boolean answered;
    private boolean pinnedBlocked;

    /** The addresses this node's socket is bound to (wildcard expanded by the driver). */
    public void localAddresses(Set<InetSocketAddress> addresses) {
        local = Set.copyOf(addresses);
    }

    /** A peer at {@code observer} reported seeing us at {@code observed}. */
    public void observed(InetSocketAddress observer, InetSocketAddress observed) {
        answered = true;
        InetAddress ip = observer.getAddress();
        int hash = ip.hashCode();
        int same = -1;
        for (int i = 0; i < count; i++) {
            if (observerHashes[i] == hash && (observations[2 * i] == ip || observations[2 * i].equals(ip))) {
                same = i; // at most one per observer IP
                break;
            }
        }
        if (same >= 0) removeAt(same);
        else if (count == MAX_OBSERVERS) removeAt(0); // the oldest observer makes room
        observations[2 * count] = ip;
        observations[2 * count + 1] = observed;
        observerHashes[count++] = hash;
    }

    private void removeAt(int i) {
        int after = count - i - 1;
        System.arraycopy(observations, 2 * i + 2, observations, 2 * i, 2 * after);
        System.arraycopy(observerHashes, i + 1, observerHashes, i, after);
        count--;
        observations[2 * count] = null;
        observations[2 * count + 1] = null;
    }

    private InetSocketAddress observedBy(int i) {
        return (InetSocketAddress) observations[2 * i + 1];
    }

    public void requestSent(long now) {
        if (answered) return;
        if (firstRequestAt == Long.MIN_VALUE) firstRequestAt = now;
        lastRequestAt = now;
        requestsWithoutAnswer++;
    }

    /** Some answer arrived (even one without a reflexive address). */
    public void answerReceived() {
        answered = true;
    }

    /** While on, the verdict is {@link Reachability#UDP_BLOCKED} whatever is observed (the node runs over TCP). */
    public void pinUdpBlocked(boolean on) {
        pinnedBlocked = on;
    }

    public Reachability classify() {
        if (pinnedBlocked) return Reachability.UDP_BLOCKED;
        for (int i = 0; i < count; i++) if (local.contains(observedBy(i))) return Reachability.PUBLIC;
        if (count >= 2) { // one per observer IP, so at least two distinct observers
            InetSocketAddress first = observedBy(0);
            for (int i = 0; i < count; i++) if (!observedBy(i).equals(first)) return Reachability.SYMMETRIC;
            return Reachability.CONE;
        }
        if (!answered && requestsWithoutAnswer >= BLOCKED_AFTER_REQUESTS && lastRequestAt - firstRequestAt >= BLOCKED_AFTER_MS) {
            return Reachability.UDP_BLOCKED;
        }
        return Reachability.UNKNOWN;
    }
}
