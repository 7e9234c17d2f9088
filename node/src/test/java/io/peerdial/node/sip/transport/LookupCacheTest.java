package io.peerdial.node.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.binding.Aor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LookupCacheTest {

    private static final long TTL = 2_000_000_000L;
    private final Aor bob = Aor.parse("sip:bob@example.org");
    private final List<CompletableFuture<List<String>>> asked = new ArrayList<>();
    private long now = 1_000;
    private final LookupCache<List<String>> cache = new LookupCache<>(aor -> {
        CompletableFuture<List<String>> f = new CompletableFuture<>();
        asked.add(f);
        return f;
    }, found -> !found.isEmpty(), TTL, 2, () -> now);

    @Test
    void callsDuringALookupShareItAndCallsWithinTheTtlReuseItsAnswer() {
        CompletableFuture<List<String>> first = cache.get(bob);
        CompletableFuture<List<String>> second = cache.get(bob);
        assertThat(second).isSameAs(first);
        asked.get(0).complete(List.of("device"));
        now += TTL - 1;
        assertThat(cache.get(bob).join()).containsExactly("device");
        assertThat(asked).hasSize(1);
        now += 1;
        cache.get(bob);
        assertThat(asked).as("after the TTL: a new lookup").hasSize(2);
    }

    @Test
    void emptyAndFailedAnswersAreNotKept() {
        cache.get(bob);
        asked.get(0).complete(List.of());
        cache.get(bob);
        assertThat(asked).hasSize(2);
        asked.get(1).completeExceptionally(new RuntimeException("timeout"));
        cache.get(bob);
        assertThat(asked).hasSize(3);
    }

    @Test
    void forgetMakesTheNextCallLookUpAgain() {
        cache.get(bob);
        asked.get(0).complete(List.of("device"));
        cache.forget(bob);
        cache.get(bob);
        assertThat(asked).hasSize(2);
    }

    @Test
    void beyondItsBoundExpiredEntriesArePrunedAndNewAnswersNotKept() {
        for (String user : List.of("a", "b")) {
            cache.get(Aor.parse("sip:" + user + "@example.org"));
            asked.get(asked.size() - 1).complete(List.of(user));
        }
        cache.get(bob); // full (2): not kept
        assertThat(cache.size()).isEqualTo(2);
        now += TTL;
        cache.get(bob); // the two expired ones go; bob's kept
        assertThat(cache.size()).isEqualTo(1);
    }
}
