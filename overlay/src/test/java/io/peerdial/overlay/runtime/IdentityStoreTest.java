package io.peerdial.overlay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.identity.NodeKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {

    @TempDir
    Path tmp;

    @Test
    void createsDirectory0700AndKeyFile0600() throws IOException {
        IdentityStore store = new IdentityStore(tmp.resolve("data"));
        store.createNode(new SplittableRandom(1), false);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.dir()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.nodeKeyPath()))).isEqualTo("rw-------");
        assertThat(store.nodeKeyPath()).isEqualTo(tmp.resolve("data").resolve("node.key"));
        try (var files = Files.list(store.dir())) {
            assertThat(files).containsExactly(store.nodeKeyPath()); // no temporary file left behind
        }
    }

    @Test
    void reloadGivesTheSameNodeId() throws IOException {
        IdentityStore store = new IdentityStore(tmp);
        NodeKeyPair created = store.loadOrCreateNode(new SplittableRandom(2));
        NodeKeyPair reloaded = new IdentityStore(tmp).loadOrCreateNode(new SplittableRandom(3));
        assertThat(reloaded.nodeId()).isEqualTo(created.nodeId());
        assertThat(reloaded.publicKey()).isEqualTo(created.publicKey());
    }

    @Test
    void noIdentityIsEmpty() throws IOException {
        assertThat(new IdentityStore(tmp.resolve("absent")).loadNode()).isEmpty();
    }

    @Test
    void refusesToOverwriteUnlessAskedTo() throws IOException {
        IdentityStore store = new IdentityStore(tmp);
        NodeKeyPair first = store.createNode(new SplittableRandom(4), false);
        assertThatThrownBy(() -> store.createNode(new SplittableRandom(5), false))
                .isInstanceOf(IOException.class).hasMessageContaining(store.nodeKeyPath().toString());
        assertThat(store.loadNode()).contains(first);
        NodeKeyPair replaced = store.createNode(new SplittableRandom(5), true);
        assertThat(replaced.nodeId()).isNotEqualTo(first.nodeId());
        assertThat(store.loadNode()).contains(replaced);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.nodeKeyPath()))).isEqualTo("rw-------");
    }

    @Test
    void refusesAMalformedKeyFileNamingIt() throws IOException {
        IdentityStore store = new IdentityStore(tmp);
        Files.writeString(store.nodeKeyPath(), "not a key\n");
        assertThatThrownBy(store::loadNode).isInstanceOf(IOException.class)
                .hasMessageContaining("malformed").hasMessageContaining(store.nodeKeyPath().toString());
        Files.writeString(store.nodeKeyPath(), "ab".repeat(31) + "\n"); // one byte short
        assertThatThrownBy(store::loadNode).isInstanceOf(IOException.class).hasMessageContaining("malformed");
    }

    @Test
    void refusesADataDirectoryThatIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        IdentityStore store = new IdentityStore(file);
        assertThatThrownBy(() -> store.loadOrCreateNode(new SplittableRandom(6)))
                .isInstanceOf(IOException.class).hasMessageContaining(file.toString());
    }
}
