package io.peerdial.node.relay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.media.ice.TurnServer;
import io.peerdial.node.relay.RelayCredentials;
import io.peerdial.overlay.identity.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Prefetching relay credentials with fake sources: what {@code turnServers()} hands out, and when it never waits. */
class RelayIceServersTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    // asks are made on the servers' timer thread: the test takes them from queues, bounded
    private final BlockingQueue<CompletableFuture<RelayCredentials>> primaryAsks = new LinkedBlockingQueue<>();
    private final BlockingQueue<CompletableFuture<RelayCredentials>> secondaryAsks = new LinkedBlockingQueue<>();
    private final AtomicInteger primaryCount = new AtomicInteger();
    private final AtomicInteger secondaryCount = new AtomicInteger();
    private final AtomicBoolean needed = new AtomicBoolean(true);
    private final RelayIceServers servers = new RelayIceServers(() -> ask(primaryAsks, primaryCount),
            () -> ask(secondaryAsks, secondaryCount), needed::get);

    @AfterEach
    void close() {
        servers.close();
    }

    private static CompletableFuture<RelayCredentials> ask(BlockingQueue<CompletableFuture<RelayCredentials>> asks, AtomicInteger count) {
        CompletableFuture<RelayCredentials> f = new CompletableFuture<>();
        count.incrementAndGet();
        asks.add(f);
        return f;
    }

    private static CompletableFuture<RelayCredentials> next(BlockingQueue<CompletableFuture<RelayCredentials>> asks) throws Exception {
        CompletableFuture<RelayCredentials> f = asks.poll(5, TimeUnit.SECONDS);
        assertThat(f).as("an ask for credentials").isNotNull();
        return f;
    }

    private static RelayCredentials credentials(int port, String user, long lifeMs) {
        return new RelayCredentials(NodeId.random(new java.util.SplittableRandom(port)), new InetSocketAddress(LOOPBACK, port - 1),
                new InetSocketAddress(LOOPBACK, port), false, "peerdial", user, "pw-" + user, System.currentTimeMillis() + lifeMs);
    }

    @Test
    void handsOutNothingUntilCredentialsArriveThenTheFirstChoiceAndKeepsTheSecondReady() throws Exception {
        CompletableFuture<Void> round = servers.tickNow();
        CompletableFuture<RelayCredentials> ask = next(primaryAsks);
        assertThat(servers.turnServers()).isEmpty(); // the fetch is pending: nobody waits for it
        ask.complete(credentials(3478, "u1", 600_000));
        round.get(5, TimeUnit.SECONDS);
        assertThat(servers.turnServers()).containsExactly(new TurnServer(new InetSocketAddress(LOOPBACK, 3478), "u1", "pw-u1"));
        assertThat(servers.fallbackTurnServers()).isEmpty();

        round = servers.tickNow();
        next(secondaryAsks).complete(credentials(3479, "u2", 600_000));
        round.get(5, TimeUnit.SECONDS);
        assertThat(primaryCount).hasValue(1); // fresh: not asked again
        assertThat(secondaryCount).hasValue(1);
        assertThat(servers.fallbackTurnServers()).containsExactly(new TurnServer(new InetSocketAddress(LOOPBACK, 3479), "u2", "pw-u2"));
    }

    @Test
    void credentialsAboutToExpireAreNotHandedOutAndAreFetchedAgain() throws Exception {
        CompletableFuture<Void> round = servers.tickNow();
        next(primaryAsks).complete(credentials(3478, "old", RelayIceServers.MIN_LIFE_LEFT_MS / 2));
        round.get(5, TimeUnit.SECONDS);
        assertThat(servers.turnServers()).isEmpty();

        round = servers.tickNow();
        next(primaryAsks).complete( // past a quarter of its life: due again
                credentials(3478, "new", 600_000));
        next(secondaryAsks).completeExceptionally(new IllegalStateException("no second relay with capacity"));
        round.get(5, TimeUnit.SECONDS);
        assertThat(servers.turnServers()).extracting(TurnServer::username).containsExactly("new");
    }

    @Test
    void aFailedFetchGivesNoServerAndIsNotRetriedAtOnce() throws Exception {
        CompletableFuture<Void> round = servers.tickNow();
        next(primaryAsks).completeExceptionally(new IllegalStateException("no relay with capacity"));
        round.get(5, TimeUnit.SECONDS);
        assertThat(servers.turnServers()).isEmpty();
        servers.tickNow().get(5, TimeUnit.SECONDS);
        assertThat(primaryCount).hasValue(1); // RETRY_MS later, not on the next tick
        assertThat(secondaryCount).hasValue(0); // no second choice before a first one
    }

    @Test
    void aNodeThatNeedsNoRelayFetchesNothingAndOffersNothing() throws Exception {
        CompletableFuture<Void> round = servers.tickNow();
        next(primaryAsks).complete(credentials(3478, "u1", 600_000));
        round.get(5, TimeUnit.SECONDS);
        assertThat(servers.turnServers()).hasSize(1);

        needed.set(false);
        servers.tickNow().get(5, TimeUnit.SECONDS);
        assertThat(servers.turnServers()).isEmpty();
        assertThat(servers.current()).isEmpty();
        assertThat(secondaryCount).hasValue(0);
    }

    @Test
    void aNodeWhoseUdpIsBlockedGetsItsTurnServersOverTcpWhereTheRelayListensOnTcp() throws Exception {
        AtomicBoolean udpBlocked = new AtomicBoolean(true);
        BlockingQueue<CompletableFuture<RelayCredentials>> asks = new LinkedBlockingQueue<>();
        try (RelayIceServers blocked = new RelayIceServers(() -> ask(asks, new AtomicInteger()), () -> ask(asks, new AtomicInteger()),
                needed::get, udpBlocked::get)) {
            CompletableFuture<Void> round = blocked.tickNow();
            RelayCredentials c = credentials(3478, "t1", 600_000);
            next(asks).complete(new RelayCredentials(c.relay(), c.overlay(), c.turnServer(), true, c.realm(), c.username(),
                    c.password(), c.expiresAt()));
            round.get(5, TimeUnit.SECONDS);
            assertThat(blocked.turnServers()).containsExactly(new TurnServer(new InetSocketAddress(LOOPBACK, 3478), "t1", "pw-t1", true));

            udpBlocked.set(false); // UDP works again: back to UDP, the relay's cheaper path
            round = blocked.tickNow();
            next(asks).completeExceptionally(new IllegalStateException("no second choice")); // this round asks for one
            round.get(5, TimeUnit.SECONDS);
            assertThat(blocked.turnServers()).containsExactly(new TurnServer(new InetSocketAddress(LOOPBACK, 3478), "t1", "pw-t1", false));
        }
    }

    @Test
    void aRelayWithoutTcpIsStillHandedOutOverUdp() throws Exception {
        BlockingQueue<CompletableFuture<RelayCredentials>> asks = new LinkedBlockingQueue<>();
        try (RelayIceServers blocked = new RelayIceServers(() -> ask(asks, new AtomicInteger()), () -> ask(asks, new AtomicInteger()),
                needed::get, () -> true)) {
            CompletableFuture<Void> round = blocked.tickNow();
            next(asks).complete(credentials(3478, "u1", 600_000)); // tcp false in the relay's advert
            round.get(5, TimeUnit.SECONDS);
            assertThat(blocked.turnServers()).singleElement().extracting(TurnServer::tcp).isEqualTo(false);
        }
    }
}
