package io.peerdial.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key-routed echo on three real nodes on loopback: every message comes back, in order. */
class KeyEchoTest {

    @TempDir
    Path tmp;

    @Test
    void everyMessageSentToTheEchoKeyComesBack() throws Exception {
        List<String> replies = KeyEcho.run(tmp, 3, List.of("one", "two", "three"), Duration.ofSeconds(10));

        assertThat(replies).containsExactly("one", "two", "three");
    }
}
