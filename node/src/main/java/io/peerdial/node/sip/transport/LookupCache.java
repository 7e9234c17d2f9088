package io.peerdial.node.sip.transport;

import io.peerdial.location.binding.Aor;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The proxy's short memory of Location lookups (docs/SIP.md, "Lookup cache"): calls to one AOR
 * within {@code ttlNanos} of a lookup that found bindings reuse its answer, and calls while a lookup
 * is under way wait for that same lookup instead of starting another. A busy callee then costs the
 * DHT one lookup per TTL instead of one per call — at hundreds of calls per second the storing
 * nodes' per-source limits would otherwise refuse the lookups and callers get 404. An empty or
 * failed answer is never kept (a phone that just registered is found by the next call), and
 * {@link #forget} drops an answer whose devices could not be reached, so a device that moved to
 * another rendezvous is looked up afresh. Bounded: beyond {@code maxEntries} expired entries are
 * pruned, then new answers are not kept.
 */
final class LookupCache<V> {

    private record Entry<V>(CompletableFuture<V> answer, long fetchedAt) {}

    private final Function<Aor, CompletableFuture<V>> source;
    private final Predicate<V> keep;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Map<Aor, Entry<V>> entries = new ConcurrentHashMap<>();

    /** {@code keep}: whether an answer may be reused (e.g. it found at least one binding). */
    LookupCache(Function<Aor, CompletableFuture<V>> source, Predicate<V> keep, long ttlNanos, int maxEntries, LongSupplier nanoClock) {
        if (ttlNanos < 0 || maxEntries < 0) throw new IllegalArgumentException("ttl and maxEntries must be >= 0");
        this.source = source;
        this.keep = keep;
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    CompletableFuture<V> get(Aor aor) {
        long now = nanoClock.getAsLong();
        Entry<V> e = entries.get(aor);
        if (e != null && usable(e, now)) return e.answer;
        CompletableFuture<V> answer = source.apply(aor);
        if (ttlNanos == 0) return answer;
        if (entries.size() >= maxEntries) prune(now);
        if (entries.size() < maxEntries) {
            Entry<V> mine = new Entry<>(answer, now);
            entries.put(aor, mine);
            answer.whenComplete((v, error) -> {
                if (error != null || !keep.test(v)) entries.remove(aor, mine);
            });
        }
        return answer;
    }

    /** Drops what is known of {@code aor}: the next call looks it up again. */
    void forget(Aor aor) {
        entries.remove(aor);
    }

    int size() {
        return entries.size();
    }

    private boolean usable(Entry<V> e, long now) {
        if (!e.answer.isDone()) return true; // under way: wait for it with the others
        return !e.answer.isCompletedExceptionally() && now - e.fetchedAt < ttlNanos;
    }

    private void prune(long now) {
        entries.entrySet().removeIf(x -> x.getValue().answer.isDone() && now - x.getValue().fetchedAt >= ttlNanos);
    }
}
