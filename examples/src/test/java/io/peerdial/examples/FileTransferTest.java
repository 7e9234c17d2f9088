package io.peerdial.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.p2p.P2PSocket;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file over the stream on loopback: verified by SHA-256; a wrong digest is reported to both sides. */
class FileTransferTest {

    @TempDir
    Path tmp;

    @Test
    void aFileArrivesVerifiedAndACorruptOneIsRefused() throws Exception {
        Path outbox = Files.createDirectories(tmp.resolve("outbox"));
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new SplittableRandom(8).nextBytes(data);
        Path file = Files.write(outbox.resolve("data.bin"), data);

        try (TwoEndpoints e = new TwoEndpoints(tmp)) {
            P2PSocket[] pair = e.connect();
            try (P2PSocket alice = pair[0]; P2PSocket bob = pair[1]) {
                bob.setReadTimeout(TwoEndpoints.WAIT);
                CompletableFuture<FileTransfer.Received> received = CompletableFuture.supplyAsync(() -> {
                    try {
                        return FileTransfer.receive(bob, inbox);
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                });
                assertThat(FileTransfer.send(alice, file)).isTrue();

                FileTransfer.Received r = received.get(TwoEndpoints.WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(r.file()).isEqualTo(inbox.resolve("data.bin"));
                assertThat(r.size()).isEqualTo(data.length);
                assertThat(Files.readAllBytes(r.file())).isEqualTo(data);
                assertThat(r.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
            }

            // the wire format by hand, with a digest that does not match: the receiver refuses and says so
            pair = e.connect();
            try (P2PSocket alice = pair[0]; P2PSocket bob = pair[1]) {
                bob.setReadTimeout(TwoEndpoints.WAIT);
                alice.setReadTimeout(TwoEndpoints.WAIT);
                byte[] name = "../evil.bin".getBytes(StandardCharsets.UTF_8);
                DataOutputStream out = new DataOutputStream(alice.getOutputStream());
                out.writeShort(name.length);
                out.write(name);
                out.writeLong(5);
                out.write("hello".getBytes(StandardCharsets.UTF_8));
                out.write(new byte[32]);
                out.flush();
                alice.shutdownOutput();

                assertThatThrownBy(() -> FileTransfer.receive(bob, inbox)).isInstanceOf(FileTransfer.CorruptFileException.class)
                        .hasMessageContaining("evil.bin");
                assertThat(alice.getInputStream().read()).isZero();
                assertThat(inbox.resolve("evil.bin")).doesNotExist(); // deleted, and written inside inbox only
                assertThat(tmp.resolve("evil.bin")).doesNotExist();
            }
        }
    }
}
