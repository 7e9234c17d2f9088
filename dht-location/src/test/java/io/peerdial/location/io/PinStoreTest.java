package io.peerdial.location.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.Fixtures;
import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.trust.PinSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinStoreTest {

    @TempDir
    Path dir;

    @Test
    void savesAndLoads() throws IOException {
        PinStore store = new PinStore(dir.resolve("data"));
        assertThat(store.load().size()).isZero();
        PinSet pins = new PinSet();
        pins.pin(Aor.parse("bob@example.org"), OwnerKey.of(Fixtures.key(2)));
        pins.pin(Aor.parse("alice@example.org"), OwnerKey.of(Fixtures.key(1)));
        store.save(pins);
        PinSet back = store.load();
        assertThat(back.snapshot()).isEqualTo(pins.snapshot());
        assertThat(Files.readAllLines(store.file())).element(1).asString().startsWith("sip:alice@example.org ");
    }

    @Test
    void badLineNamesTheLine() throws IOException {
        Files.writeString(dir.resolve(PinStore.FILE_NAME), "# comment\n\nsip:alice@example.org nothex\n");
        assertThatThrownBy(() -> new PinStore(dir).load()).isInstanceOf(IOException.class).hasMessageContaining("pins:3");
    }
}
