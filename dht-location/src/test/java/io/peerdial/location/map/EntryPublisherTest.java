package io.peerdial.location.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.Fixtures;
import io.peerdial.location.entry.EntryCodec;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.entry.SignedEntry;
import io.peerdial.location.map.EntryPublisher.SlotId;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayEvent.StoreCompleted;
import io.peerdial.overlay.kademlia.OverlayEvent.StoreReply;
import io.peerdial.overlay.kademlia.OverlayEvent.ValuesFound;
import io.peerdial.overlay.storage.StoreStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The owner's refresh schedule and seqs, against a fake overlay with a hand-driven clock. */
class EntryPublisherTest {

    /** Answers every store at once with {@code answer}; runs scheduled tasks when the test advances time. */
    static final class FakeAccess implements OverlayAccess {
        record Task(long at, long order, Runnable run) {}

        long now = Fixtures.T0;
        /** Run once, at the next reading of the clock (another thread acting at that very moment). */
        Runnable atNextNow;
        StoreStatus answer = StoreStatus.STORED;
        final List<SignedEntry> stored = new ArrayList<>();
        private final PriorityQueue<Task> tasks = new PriorityQueue<>(Comparator.comparingLong(Task::at).thenComparingLong(Task::order));
        private long order;

        @Override
        public long now() {
            Runnable hook = atNextNow;
            atNextNow = null;
            if (hook != null) hook.run();
            return now;
        }

        @Override
        public CompletableFuture<ValuesFound> findValue(NodeId key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<StoreCompleted> store(NodeId key, byte[] value) {
            try {
                stored.add(EntryCodec.decode(value));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return CompletableFuture.completedFuture(new StoreCompleted(1, key, List.of(new StoreReply(null, answer, ""))));
        }

        @Override
        public void schedule(long at, Runnable task) {
            assertThat(at).isGreaterThanOrEqualTo(now);
            tasks.add(new Task(at, order++, task));
        }

        void advanceTo(long time) {
            for (Task t; (t = tasks.peek()) != null && t.at() <= time; ) {
                tasks.poll();
                now = t.at();
                t.run().run();
            }
            now = time;
        }
    }

    private final NodeKeyPair owner = Fixtures.key(3);
    private final NodeId key = DhtMap.key("k");
    private final byte[] value = {1, 2, 3};
    private final SlotId slot = new SlotId(key, OwnerKey.of(owner), MapEntries.slotOf(value));

    private CompletableFuture<PublishResult> publish(EntryPublisher p, boolean keepAlive) {
        return p.publish(slot, 100_000, (seq, i, e) -> MapEntries.value(owner, key, value, seq, i, e), keepAlive);
    }

    @Test
    void refreshesAtEightyPercentOfTheLifetimeWithAHigherSeqUntilWithdrawn() {
        FakeAccess access = new FakeAccess();
        EntryPublisher p = new EntryPublisher(access);
        publish(p, true).join();
        access.advanceTo(Fixtures.T0 + 79_999);
        assertThat(access.stored).hasSize(1);
        access.advanceTo(Fixtures.T0 + 80_000);
        assertThat(access.stored).hasSize(2);
        access.advanceTo(Fixtures.T0 + 400_000);
        assertThat(access.stored).hasSize(6); // at 80k, 160k, 240k, 320k, 400k
        assertThat(access.stored).extracting(e -> e.content().seq()).isSorted().doesNotHaveDuplicates();
        assertThat(access.stored).allSatisfy(e -> assertThat(e.content().lifetimeMs()).isEqualTo(100_000));
        assertThat(p.refreshCount()).isEqualTo(5);

        p.withdraw(slot, 3600_000, (seq, i, e) -> MapEntries.removal(owner, key, value, seq, i, e)).join();
        assertThat(access.stored.get(6).content().tombstone()).isTrue();
        access.advanceTo(Fixtures.T0 + 2_000_000);
        assertThat(access.stored).hasSize(7);
        assertThat(p.liveCount()).isZero();
    }

    @Test
    void seqIsAtLeastTheClockSoARestartedPublisherNeverReusesOne() {
        FakeAccess access = new FakeAccess();
        publish(new EntryPublisher(access), false).join();
        publish(new EntryPublisher(access), false).join(); // a "restarted" publisher, same millisecond
        assertThat(access.stored.get(0).content().seq()).isEqualTo(Fixtures.T0);
        assertThat(access.stored.get(1).content().seq()).isEqualTo(Fixtures.T0); // same ms, fresh memory: the storing node refuses STALE_SEQ
        EntryPublisher p = new EntryPublisher(access);
        publish(p, false).join();
        publish(p, false).join();
        assertThat(access.stored.get(3).content().seq()).isEqualTo(access.stored.get(2).content().seq() + 1);
        access.now += 5;
        publish(p, false).join();
        assertThat(access.stored.get(4).content().seq()).isEqualTo(Fixtures.T0 + 5);
    }

    @Test
    void silenceIsRetriedSoonAndAPermanentRefusalStopsTheRefresh() {
        FakeAccess access = new FakeAccess();
        EntryPublisher p = new EntryPublisher(access);
        access.answer = null; // nobody answers
        assertThat(publish(p, true)).isCompletedExceptionally();
        access.advanceTo(Fixtures.T0 + 5_000); // lifetime / 20
        assertThat(access.stored).hasSize(2);
        access.answer = StoreStatus.UNTRUSTED_OWNER;
        access.advanceTo(Fixtures.T0 + 10_000);
        assertThat(access.stored).hasSize(3);
        assertThat(p.liveCount()).isZero();
        access.advanceTo(Fixtures.T0 + 1_000_000);
        assertThat(access.stored).hasSize(3);
    }

    @Test
    void aPublishRacingARefreshIsSignedWithTheHigherSeq() {
        FakeAccess access = new FakeAccess();
        EntryPublisher p = new EntryPublisher(access);
        java.util.Map<Long, String> signedBy = new java.util.HashMap<>();
        p.publish(slot, 100_000, (seq, i, e) -> {
            signedBy.put(seq, "old");
            return MapEntries.value(owner, key, value, seq, i, e);
        }, true).join();
        // the owner publishes new content just as the refresh of the old one starts (another thread)
        access.atNextNow = () -> p.publish(slot, 100_000, (seq, i, e) -> {
            signedBy.put(seq, "new");
            return MapEntries.value(owner, key, value, seq, i, e);
        }, true).join();
        access.advanceTo(Fixtures.T0 + 80_000);

        long highest = access.stored.stream().mapToLong(e -> e.content().seq()).max().orElseThrow();
        assertThat(signedBy.get(highest)).as("the newest content holds the highest seq: holders keep it").isEqualTo("new");
    }
}
