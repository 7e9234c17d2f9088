package io.peerdial.p2p.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InboxTest {

    @Test
    void itemsGoToTheOldestLiveWaiterElseQueueUpToCapacity() throws Exception {
        Inbox<String> inbox = new Inbox<>(2);
        CompletableFuture<String> first = inbox.take();
        CompletableFuture<String> second = inbox.take();
        first.cancel(false); // a blocking wait that timed out
        assertThat(inbox.offer("a")).isTrue();
        assertThat(second).isCompletedWithValue("a");
        assertThat(inbox.offer("b")).isTrue();
        assertThat(inbox.offer("c")).isTrue();
        assertThat(inbox.offer("d")).isFalse(); // full: dropped
        assertThat(inbox.take()).isCompletedWithValue("b");
        assertThat(inbox.size()).isEqualTo(1);
    }

    @Test
    void closingFailsWaitersAndKeepsOrDiscardsQueuedItems() {
        Inbox<String> inbox = new Inbox<>(4);
        CompletableFuture<String> waiting = inbox.take();
        inbox.close(() -> new IOException("closed"));
        assertThat(waiting).isCompletedExceptionally();
        assertThat(inbox.offer("x")).isFalse();

        Inbox<String> kept = new Inbox<>(4);
        kept.offer("a");
        kept.close(() -> new IOException("peer ended"));
        assertThat(kept.take()).isCompletedWithValue("a");
        assertThat(kept.take()).isCompletedExceptionally();

        Inbox<String> discarded = new Inbox<>(4);
        discarded.offer("a");
        discarded.close(() -> new IOException("closed"), true);
        assertThat(discarded.take()).isCompletedExceptionally();
    }
}
