package io.peerdial.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponderTest {

    @Test
    void storageDetailsAreCutToTheWiresShortTextWithoutSplittingCharacters() {
        assertThat(Responder.fitShortText("stale seq")).isEqualTo("stale seq");
        String ascii = "x".repeat(300);
        assertThat(Responder.fitShortText(ascii).getBytes(StandardCharsets.UTF_8)).hasSize(255);
        String threeByte = "€".repeat(100);          // 300 bytes of UTF-8
        String cut = Responder.fitShortText(threeByte);
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(255);
        assertThat(cut).isEqualTo("€".repeat(85));
        String emoji = "😀".repeat(70);               // 4-byte code points, surrogate pairs in Java
        assertThat(Responder.fitShortText(emoji)).isEqualTo("😀".repeat(63));
    }
}
