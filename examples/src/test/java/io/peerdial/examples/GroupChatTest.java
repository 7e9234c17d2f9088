package io.peerdial.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The five-member chat on real nodes on loopback: each member reads every other member's hello, once. */
class GroupChatTest {

    @TempDir
    Path tmp;

    @Test
    void eachMemberReadsTheOthersHellos() throws Exception {
        List<List<String>> transcripts = GroupChat.run(tmp, 5, Duration.ofSeconds(10));

        assertThat(transcripts).hasSize(5);
        for (int i = 0; i < 5; i++) {
            List<String> expected = new ArrayList<>();
            for (int j = 0; j < 5; j++) if (j != i) expected.add(j + ": hello from member " + j);
            assertThat(transcripts.get(i)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
