package io.peerdial.p2p.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.peerdial.location.map.PublishException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The bounded inbox behind every receive, and how blocking calls report failures. */
class InboxAndBlockingTest {

    @Test
    void queuedMessagesComeOutInOrderAndAFullInboxRefuses() {
        Inbox<String> inbox = new Inbox<>(2);
        assertThat(inbox.offer("a")).isTrue();
        assertThat(inbox.offer("b")).isTrue();
        assertThat(inbox.offer("c")).isFalse();
        assertThat(inbox.size()).isEqualTo(2);
        assertThat(inbox.take().join()).isEqualTo("a");
        assertThat(inbox.take(Duration.ofSeconds(1))).isEqualTo("b");
    }

    @Test
    void aWaitingReceiverGetsTheNextMessageDirectly() {
        Inbox<String> inbox = new Inbox<>(1);
        CompletableFuture<String> waiting = inbox.take();
        assertThat(inbox.offer("x")).isTrue();
        assertThat(waiting).isCompletedWithValue("x");
        assertThat(inbox.size()).isZero();
    }

    @Test
    void aReceiverThatTimedOutOrCancelledDoesNotConsumeAMessage() {
        Inbox<String> inbox = new Inbox<>(1);
        Throwable t = catchThrowable(() -> inbox.take(Duration.ofMillis(10)));
        assertThat(((P2PException) t).reason()).isEqualTo(P2PException.Reason.TIMEOUT);
        inbox.take().cancel(false);

        inbox.offer("kept");

        assertThat(inbox.take().join()).isEqualTo("kept");
    }

    @Test
    void closingFailsWaitersAndRefusesMessagesButQueuedOnesStayReadable() {
        Inbox<String> inbox = new Inbox<>(2);
        inbox.offer("queued");
        inbox.take().join();
        CompletableFuture<String> waiting = inbox.take();
        inbox.offer("x"); // completes the waiter
        inbox.offer("left");
        inbox.close();

        assertThat(waiting).isCompletedWithValue("x");
        assertThat(inbox.offer("late")).isFalse();
        assertThat(inbox.take().join()).isEqualTo("left");
        assertThat(((P2PException) catchThrowable(() -> inbox.take(Duration.ofSeconds(1)))).reason()).isEqualTo(P2PException.Reason.CLOSED);
        assertThatThrownBy(() -> new Inbox<String>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blockingTranslatesFailures() {
        P2PException own = new P2PException(P2PException.Reason.NO_ROUTE, "x");
        assertThat(catchThrowable(() -> Blocking.await(CompletableFuture.failedFuture(own), Duration.ofSeconds(1)))).isSameAs(own);
        assertThat(((P2PException) catchThrowable(() -> Blocking.await(CompletableFuture.failedFuture(new PublishException(List.of())),
                Duration.ofSeconds(1)))).reason()).isEqualTo(P2PException.Reason.NOT_STORED);
        assertThat(((P2PException) catchThrowable(() -> Blocking.await(CompletableFuture.failedFuture(new java.io.IOException("io")),
                Duration.ofSeconds(1)))).reason()).isEqualTo(P2PException.Reason.FAILED);
        IllegalStateException misuse = new IllegalStateException("misuse");
        assertThat(catchThrowable(() -> Blocking.await(CompletableFuture.failedFuture(misuse), Duration.ofSeconds(1)))).isSameAs(misuse);
        assertThat(((P2PException) catchThrowable(() -> Blocking.await(new CompletableFuture<>(), Duration.ofMillis(5)))).reason())
                .isEqualTo(P2PException.Reason.TIMEOUT);
        assertThat(Blocking.translated(CompletableFuture.failedFuture(new PublishException(List.of()))))
                .isCompletedExceptionally();
        assertThatThrownBy(() -> Blocking.checkTimeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInterruptedWaitIsReportedAndKeepsTheInterruptFlag() {
        Thread.currentThread().interrupt();
        Throwable t = catchThrowable(() -> Blocking.await(new CompletableFuture<>(), Duration.ofSeconds(1)));
        assertThat(Thread.interrupted()).isTrue(); // also clears it for the next test
        assertThat(((P2PException) t).reason()).isEqualTo(P2PException.Reason.INTERRUPTED);
    }
}
