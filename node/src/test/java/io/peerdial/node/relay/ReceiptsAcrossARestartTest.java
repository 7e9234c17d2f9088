package io.peerdial.node.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.node.media.ice.RelayUsage;
import io.peerdial.node.media.ice.TurnServer;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.relay.receipt.ReceiptBook;
import io.peerdial.relay.receipt.ReceiptEnforcer;
import io.peerdial.relay.receipt.ReceiptException;
import io.peerdial.relay.receipt.ReceiptSigner;
import io.peerdial.relay.receipt.SessionId;
import io.peerdial.relay.receipt.SignedReceipt;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Both ends of receipts on one virtual clock, no network: the client's {@link RelayReceiptTracker} with
 * real {@link ReceiptSigner}s (the node's 30 s / 1 MB) delivering to the relay's {@link ReceiptBook}, and
 * the relay's {@link ReceiptEnforcer} with its default policy checking every 5 s. An honest call that
 * goes through an ICE restart (the replaced allocation keeps carrying media for a few seconds after the
 * tracker gave its final receipt, as {@code relayUsage()} reports only the current run) is never closed
 * nor refused, however long or short.
 */
class ReceiptsAcrossARestartTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long RATE = 20_000; // bytes/s each way
    private static final long OVERLAP_MS = 3_000;

    private final NodeKeyPair clientKey = NodeKeyPair.generate(new SplittableRandom(1));
    private final NodeKeyPair relayKey = NodeKeyPair.generate(new SplittableRandom(2));
    private final RelayCredentials credentials = new RelayCredentials(relayKey.nodeId(), RelayReceiptTrackerTest.address("10.0.0.1", 4000),
            RelayReceiptTrackerTest.address("10.0.0.1", 3478), true, "peerdial", "1000:" + clientKey.nodeId().toHex(), "pw", T0 + 600_000);
    private final TurnServer server = IssuedCredentials.turnServer(credentials);
    private final InetSocketAddress mapped = RelayReceiptTrackerTest.address("192.0.2.7", 40_000);
    private final ReceiptBook book = new ReceiptBook(relayKey.nodeId(), 30_000);
    private final ReceiptEnforcer enforcer = new ReceiptEnforcer(book, ReceiptEnforcer.Policy.defaults());
    private final List<String> verdicts = new ArrayList<>();
    private long now = T0;

    /** One allocation as both ends count it. */
    private final class Alloc {
        final InetSocketAddress relayed;
        final SessionId session;
        long bytes; // each way
        boolean live = true;

        Alloc(int port) {
            relayed = RelayReceiptTrackerTest.address("10.0.0.1", port);
            session = SessionId.of(credentials.username(), relayed, mapped);
            book.open(now, session, OwnerKey.of(clientKey));
        }

        RelayUsage usage() {
            return new RelayUsage(server, relayed, mapped, bytes, bytes);
        }
    }

    private final RelayReceiptTracker.Sender toRelay = (c, relayed, m) -> {
        ReceiptSigner signer = new ReceiptSigner(clientKey, c.relay(), SessionId.of(c.username(), relayed, m), 30_000, 1_000_000);
        return new RelayReceiptTracker.Sender.Session() {
            @Override
            public void update(long toPeers, long toClient) {
                deliver(signer.update(now, toPeers, toClient));
            }

            @Override
            public void close(long toPeers, long toClient) {
                deliver(signer.close(now, toPeers, toClient));
            }
        };
    };

    private void deliver(SignedReceipt r) {
        if (r == null) return;
        try {
            book.accept(now, r);
        } catch (ReceiptException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anHonestCallWithARestartIsNeverClosedNorRefused() {
        call(5 * 60_000, 60_000);
    }

    @Test
    void aShortHonestCallWithARestartIsNeitherClosedNorRefused() {
        call(5_000, 5_000);
    }

    /** {@code beforeMs} on the first allocation, a restart, {@code afterMs} on the second, hang-up, the relay's final grace. */
    private void call(long beforeMs, long afterMs) {
        Alloc first = new Alloc(50_000);
        List<Alloc> current = new ArrayList<>(List.of(first));
        List<Alloc> all = new ArrayList<>(List.of(first));
        RelayReceiptTracker tracker = new RelayReceiptTracker("call", () -> current.stream().map(Alloc::usage).toList(),
                s -> s.equals(server) ? Optional.of(credentials) : Optional.empty(), toRelay, 1_000);
        Alloc second = null;
        long restartAt = T0 + beforeMs;
        long end = restartAt + afterMs;
        for (; now <= end; now += 100) {
            if (now == restartAt) { // ICE restart: the new run's allocation is the only one reported
                second = new Alloc(50_002);
                all.add(second);
                current.clear();
                current.add(second);
            }
            if (second != null && first.live && now >= restartAt + OVERLAP_MS) { // the new run took over: the old allocation goes
                first.live = false;
                enforcer.ended(now, first.session, clientKey.nodeId(), first.bytes, first.bytes);
            }
            // media flows on the old allocation until the new run completes
            Alloc carrying = second == null || now < restartAt + OVERLAP_MS ? first : second;
            carrying.bytes += RATE / 10;
            tracker.tick(now);
            if ((now - T0) % 5_000 == 0) relayCheck(all);
        }
        tracker.close(now);
        for (Alloc a : all) {
            if (a.live) {
                a.live = false;
                enforcer.ended(now, a.session, clientKey.nodeId(), a.bytes, a.bytes);
            }
        }
        for (long until = now + 60_000; now <= until; now += 5_000) relayCheck(all);
        assertThat(verdicts).isEmpty();
        assertThat(enforcer.refuses(now, clientKey.nodeId())).isFalse();
        assertThat(enforcer.watched()).isZero();
        assertThat(book.latest(first.session).receipt().bytesToPeers()).isPositive();
    }

    private void relayCheck(List<Alloc> all) {
        Map<SessionId, ReceiptEnforcer.Counted> live = new HashMap<>();
        for (Alloc a : all) {
            if (a.live) live.put(a.session, new ReceiptEnforcer.Counted(clientKey.nodeId(), a.bytes, a.bytes));
        }
        ReceiptEnforcer.Verdict v = enforcer.check(now, live);
        if (!v.isEmpty()) verdicts.add((now - T0) + " ms: " + v);
    }
}
