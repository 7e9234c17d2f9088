package io.peerdial.node.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.media.ice.RelayUsage;
import io.peerdial.node.media.ice.TurnServer;
import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The receipt lifecycle of one call's allocations, with a scripted usage source (what
 * {@code IceSession.relayUsage()} would report) and a sender that records what it was asked.
 */
class RelayReceiptTrackerTest {

    private static final RelayCredentials FIRST = credentials(1, "10.0.0.1", "1000:aa");
    private static final RelayCredentials SECOND = credentials(2, "10.0.0.2", "1000:bb");
    private static final TurnServer FIRST_SERVER = IssuedCredentials.turnServer(FIRST);
    private static final TurnServer SECOND_SERVER = IssuedCredentials.turnServer(SECOND);
    private static final TurnServer STATIC_SERVER = new TurnServer(address("10.0.0.9", 3478), "user", "pass");
    private static final InetSocketAddress RELAYED_1 = address("10.0.0.1", 50_000);
    private static final InetSocketAddress RELAYED_2 = address("10.0.0.2", 50_002);
    private static final InetSocketAddress MAPPED = address("192.0.2.7", 40_000);

    /** What the usage source reports next; the test sets it. */
    private List<RelayUsage> usage = List.of();
    private int reads;
    private final Recorder sender = new Recorder();
    private final RelayReceiptTracker tracker = new RelayReceiptTracker("call-1", () -> {
        reads++;
        return usage;
    }, server -> Optional.ofNullable(Map.of(FIRST_SERVER, FIRST, SECOND_SERVER, SECOND).get(server)), sender, 1_000);

    @Test
    void anAllocationGetsOneSessionFedWithItsCountsAndClosedWithTheFinalOnes() {
        usage = List.of(new RelayUsage(FIRST_SERVER, RELAYED_1, MAPPED, 100, 200));
        tracker.tick(0);
        usage = List.of(new RelayUsage(FIRST_SERVER, RELAYED_1, MAPPED, 1_100, 2_200));
        tracker.tick(1_000);
        usage = List.of(new RelayUsage(FIRST_SERVER, RELAYED_1, MAPPED, 5_000, 6_000));
        tracker.close(1_500);

        assertThat(sender.log).containsExactly(
                "open " + FIRST.relay().shortHex() + " " + RELAYED_1 + " " + MAPPED,
                "update " + RELAYED_1 + " 100/200",
                "update " + RELAYED_1 + " 1100/2200",
                "update " + RELAYED_1 + " 5000/6000",
                "close " + RELAYED_1 + " 5000/6000");
        assertThat(tracker.openSessions()).isZero();
    }

    @Test
    void looksAtTheCountsAtMostOncePerInterval() {
        usage = List.of(new RelayUsage(FIRST_SERVER, RELAYED_1, MAPPED, 1, 1));
        tracker.tick(0);
        tracker.tick(999);
        tracker.tick(500);
        assertThat(reads).isEqualTo(1);
        tracker.tick(1_000);
        assertThat(reads).isEqualTo(2);
    }

    @Test
    void anIceRestartOnAnotherRelayClosesTheSupersededAllocationWithItsLastCounts() {
        usage = List.of(new RelayUsage(FIRST_SERVER, RELAYED_1, MAPPED, 700, 800));
        tracker.tick(0);
        // relay failover: the new run allocates on the second relay; the first run's allocation is gone
        usage = List.of(new RelayUsage(SECOND_SERVER, RELAYED_2, MAPPED, 10, 20));
        tracker.tick(1_000);
        assertThat(sender.log).containsSubsequence(
                "open " + FIRST.relay().shortHex() + " " + RELAYED_1 + " " + MAPPED,
                "close " + RELAYED_1 + " 700/800",
                "open " + SECOND.relay().shortHex() + " " + RELAYED_2 + " " + MAPPED,
                "update " + RELAYED_2 + " 10/20");
        assertThat(tracker.openSessions()).isEqualTo(1);

        usage = List.of();
        tracker.close(1_200); // the call ends after its last run's allocation went: closed with its last counts
        assertThat(sender.log).last().isEqualTo("close " + RELAYED_2 + " 10/20");
        assertThat(sender.opened).isEqualTo(2);
    }

    @Test
    void countsThatGoDownAreANewAllocationWithTheSameAddresses() {
        usage = List.of(new RelayUsage(FIRST_SERVER, RELAYED_1, MAPPED, 900, 900));
        tracker.tick(0);
        usage = List.of(new RelayUsage(FIRST_SERVER, RELAYED_1, MAPPED, 5, 5));
        tracker.tick(1_000);
        assertThat(sender.log).containsSubsequence("close " + RELAYED_1 + " 900/900",
                "open " + FIRST.relay().shortHex() + " " + RELAYED_1 + " " + MAPPED, "update " + RELAYED_1 + " 5/5");
        assertThat(sender.opened).isEqualTo(2);
    }

    @Test
    void allocationsOnServersWithoutOverlayCredentialsAreIgnored() {
        usage = List.of(new RelayUsage(STATIC_SERVER, RELAYED_1, MAPPED, 1, 1));
        tracker.tick(0);
        tracker.tick(1_000);
        tracker.close(2_000);
        assertThat(sender.log).isEmpty();
    }

    @Test
    void senderAndSourceFailuresNeverReachTheCaller() {
        sender.failing = true;
        usage = List.of(new RelayUsage(FIRST_SERVER, RELAYED_1, MAPPED, 1, 1));
        tracker.tick(0);
        tracker.tick(1_000);
        tracker.close(2_000);
        assertThat(sender.log).isEmpty(); // open failed: that allocation is not tried again
        assertThat(sender.opened).isEqualTo(1);

        RelayReceiptTracker broken = new RelayReceiptTracker("call-2", () -> {
            throw new IllegalStateException("closed");
        }, s -> Optional.of(FIRST), sender, 1_000);
        broken.tick(0);
        broken.close(1);
        assertThat(broken.openSessions()).isZero();
    }

    @Test
    void closeIsFinal() {
        usage = List.of(new RelayUsage(FIRST_SERVER, RELAYED_1, MAPPED, 3, 4));
        tracker.close(0);
        int entries = sender.log.size();
        tracker.tick(5_000);
        tracker.close(6_000);
        assertThat(sender.log).hasSize(entries).last().isEqualTo("close " + RELAYED_1 + " 3/4");
    }

    private static final class Recorder implements RelayReceiptTracker.Sender {
        final List<String> log = new ArrayList<>();
        int opened;
        boolean failing;

        @Override
        public Session open(RelayCredentials credentials, InetSocketAddress relayed, InetSocketAddress mapped) {
            opened++;
            if (failing) throw new IllegalStateException("relay service not started");
            log.add("open " + credentials.relay().shortHex() + " " + relayed + " " + mapped);
            return new Session() {
                @Override
                public void update(long toPeers, long toClient) {
                    log.add("update " + relayed + " " + toPeers + "/" + toClient);
                }

                @Override
                public void close(long toPeers, long toClient) {
                    log.add("close " + relayed + " " + toPeers + "/" + toClient);
                }
            };
        }
    }

    static RelayCredentials credentials(int id, String host, String username) {
        byte[] bytes = new byte[NodeId.BYTES];
        bytes[0] = (byte) id;
        return new RelayCredentials(NodeId.fromBytes(bytes), address(host, 4000), address(host, 3478), true, "peerdial", username,
                "pw" + id, 1_000_000);
    }

    static InetSocketAddress address(String host, int port) {
        try {
            return new InetSocketAddress(java.net.InetAddress.getByName(host), port); // literals: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
