package io.peerdial.location.map;

import io.peerdial.location.entry.EntryCodec;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.entry.SignedEntry;
import io.peerdial.overlay.identity.NodeId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes signed entries and keeps them alive: the owner's side of replication. Each publish signs a
 * fresh entry (seq from {@link SeqSource}, issued now, expiring after its lifetime) and STOREs it on
 * the k closest nodes. An entry published with {@code keepAlive} is signed and stored again at
 * {@link #REFRESH_FRACTION} of its lifetime, on the driver's timer, until {@link #withdraw} replaces
 * it with a tombstone or {@link #forget} drops it; a write that no holder stored is retried soon when
 * the refusals may pass (silence, rate or space limits), and given up when every holder refused it
 * for good (bad signature, untrusted owner, too large...). A slot's seqs follow the order in which
 * its content was chosen (publish, refresh, withdraw): a refresh never signs replaced content with a
 * seq above its replacement's. Concurrent publishes of one slot are still the caller's to order.
 * No threads of its own: the timer is {@link OverlayAccess#schedule}. Thread-safe.
 *
 * <pre>{@code
 * EntryPublisher publisher = new EntryPublisher(access);
 * publisher.publish(key, owner, slot, 600_000, (seq, issued, expires) -> sign(seq, issued, expires), true);
 * }</pre>
 */
public final class EntryPublisher {

    /** Re-store at 80% of the lifetime: the remaining 20% cover a slow or failed refresh. */
    public static final double REFRESH_FRACTION = 0.8;
    private static final Logger log = LoggerFactory.getLogger(EntryPublisher.class);

    /** Signs the entry for a slot with the given seq and times. */
    @FunctionalInterface
    public interface EntrySigner {
        SignedEntry sign(long seq, long issuedAt, long expiresAt);
    }

    /** One (key, owner, slot): what publishing under it names. */
    public record SlotId(NodeId key, OwnerKey owner, NodeId slot) {}

    private record Live(EntrySigner signer, long lifetimeMs, long generation) {}

    private final OverlayAccess access;
    private final SeqSource seqs = new SeqSource();
    private final Map<SlotId, Live> live = new HashMap<>();
    private long nextGeneration;
    private long refreshes;

    public EntryPublisher(OverlayAccess access) {
        this.access = Objects.requireNonNull(access, "access");
    }

    public OverlayAccess access() {
        return access;
    }

    /**
     * Signs and stores the entry of {@code slot}; fails with {@link PublishException} when no holder
     * stored it (a refresh is still scheduled when {@code keepAlive}: the overlay may recover).
     */
    public CompletableFuture<PublishResult> publish(SlotId slot, long lifetimeMs, EntrySigner signer, boolean keepAlive) {
        if (lifetimeMs < 1) throw new IllegalArgumentException("lifetime must be positive, got " + lifetimeMs);
        long now = access.now();
        long generation;
        long seq;
        synchronized (this) {
            generation = nextGeneration++;
            if (keepAlive) {
                live.put(slot, new Live(signer, lifetimeMs, generation));
            } else {
                live.remove(slot);
            }
            seq = seqs.next(slot, now); // with the generation: see refresh
        }
        return write(slot, seq, now, lifetimeMs, signer, keepAlive ? generation : -1);
    }

    /** Stores a tombstone for {@code slot} (signed by {@code signer}) and stops refreshing it. */
    public CompletableFuture<PublishResult> withdraw(SlotId slot, long lifetimeMs, EntrySigner tombstoneSigner) {
        long now = access.now();
        long seq;
        synchronized (this) {
            live.remove(slot);
            seq = seqs.next(slot, now); // with the removal: no refresh of the entry gets a higher seq than its tombstone
        }
        return write(slot, seq, now, lifetimeMs, tombstoneSigner, -1);
    }

    /** Stops refreshing {@code slot}; what is stored expires on its own. */
    public synchronized void forget(SlotId slot) {
        live.remove(slot);
    }

    /** Slots kept alive now. */
    public synchronized int liveCount() {
        return live.size();
    }

    /** Refreshes done so far (for status and tests). */
    public synchronized long refreshCount() {
        return refreshes;
    }

    /** {@code seq} was taken from {@link #seqs} with {@code now}, under the lock that chose {@code signer}. */
    private CompletableFuture<PublishResult> write(SlotId slot, long seq, long now, long lifetimeMs, EntrySigner signer, long generation) {
        SignedEntry entry = signer.sign(seq, now, now + lifetimeMs);
        if (!entry.content().key().equals(slot.key()) || !entry.content().slot().equals(slot.slot())
                || !entry.content().owner().equals(slot.owner())) {
            throw new IllegalArgumentException("signer produced " + entry.content() + " for " + slot);
        }
        byte[] bytes = EntryCodec.encode(entry);
        return access.store(slot.key(), bytes).thenApply(done -> {
            PublishResult result = new PublishResult(entry, done.replies());
            boolean stored = result.storedCount() > 0;
            if (generation >= 0 && !stored && !worthRetrying(done.replies())) {
                log.warn("publishing {} refused for good ({}); not refreshing it", slot, new PublishException(done.replies()).getMessage());
                forgetGeneration(slot, generation);
            } else if (generation >= 0) {
                long next = stored ? now + (long) (lifetimeMs * REFRESH_FRACTION) : now + Math.max(1_000, lifetimeMs / 20);
                if (!stored) log.warn("publishing {} failed ({}); retrying at {}", slot, new PublishException(done.replies()).getMessage(), next);
                access.schedule(Math.max(next, access.now()), () -> refresh(slot, generation));
            }
            if (!stored) throw new PublishException(done.replies());
            return result;
        });
    }

    /** Silence, or a refusal that may pass later (load, rate, a stale seq racing a newer write): try again. */
    private static boolean worthRetrying(java.util.List<io.peerdial.overlay.kademlia.OverlayEvent.StoreReply> replies) {
        if (replies.isEmpty()) return true;
        for (var r : replies) {
            if (r.status() == null) return true;
            switch (r.status()) {
                case RATE_LIMITED, STORAGE_FULL, KEY_FULL, BAD_TOKEN, STALE_SEQ -> {
                    return true;
                }
                default -> { }
            }
        }
        return false;
    }

    private synchronized void forgetGeneration(SlotId slot, long generation) {
        Live current = live.get(slot);
        if (current != null && current.generation() == generation) live.remove(slot);
    }

    /**
     * Re-signs the slot's live entry. Its seq is taken under the same lock as the generation check
     * (and a publish takes its seq with its new generation): otherwise a publish could slip in
     * between, and the refresh of the entry it replaces would be signed with the higher seq — the
     * older content would win at every holder.
     */
    private void refresh(SlotId slot, long generation) {
        long now = access.now();
        Live current;
        long seq;
        synchronized (this) {
            current = live.get(slot);
            if (current == null || current.generation() != generation) return; // removed or republished since
            refreshes++;
            seq = seqs.next(slot, now);
        }
        write(slot, seq, now, current.lifetimeMs(), current.signer(), generation).exceptionally(e -> null); // failure logged and retried
    }
}
