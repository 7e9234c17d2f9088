package io.peerdial.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.p2p.P2PSocket;
import io.peerdial.p2p.PathType;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat between alice and bob on loopback, driven by in-memory input: every line arrives, in order, both ways. */
class ChatTest {

    @TempDir
    Path tmp;

    @Test
    void linesArriveInOrderBothWaysAndTheChatEndsWhenBothInputsEnd() throws Exception {
        try (TwoEndpoints e = new TwoEndpoints(tmp)) {
            P2PSocket[] pair = e.connect();
            try (P2PSocket alice = pair[0]; P2PSocket bob = pair[1]) {
                assertThat(alice.path().type()).isEqualTo(PathType.DIRECT);
                assertThat(bob.remoteAddress()).isEqualTo(e.alice.localAddress());
                List<String> atAlice = new CopyOnWriteArrayList<>();
                List<String> atBob = new CopyOnWriteArrayList<>();
                String many = "line\n".repeat(200);

                CompletableFuture<Void> bobSide = CompletableFuture.runAsync(() -> {
                    try {
                        Chat.converse(bob, new StringReader("hi alice\nhow are you? ünïcödé\n"), atBob::add);
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                });
                Chat.converse(alice, new StringReader("hello bob\n" + many + "bye\n"), atAlice::add);
                bobSide.get(TwoEndpoints.WAIT.toSeconds(), TimeUnit.SECONDS);

                assertThat(atAlice).containsExactly("hi alice", "how are you? ünïcödé");
                assertThat(atBob).hasSize(202).startsWith("hello bob", "line").endsWith("line", "bye");
            }
        }
    }
}
