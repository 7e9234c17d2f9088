package io.peerdial.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #8 on loopback: a bootstrap node and two P2P endpoints (each an embedded node), real sockets. The
 * endpoints find each other through their signed bindings, signal through the nodes' SIP proxies and run ICE
 * end to end (the nodes' media anchors pass the application session through).
 */
class P2PSocketLoopbackTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path seedDir;
    @TempDir
    static Path aliceDir;
    @TempDir
    static Path bobDir;
    @TempDir
    static Path carolDir;

    static NodeDaemon seed;
    static P2PServerSocket alice;
    static P2PServerSocket bob;

    @BeforeAll
    static void overlay() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        seed = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(), seedDir, any, Role.SUPER, TrustAnchors.none(), any));
        List<InetSocketAddress> boot = List.of(seed.runtime().localAddress());
        CompletableFuture<P2PServerSocket> a = P2PServerSocket.bindAsync(options(aliceDir, "alice", boot));
        CompletableFuture<P2PServerSocket> b = P2PServerSocket.bindAsync(options(bobDir, "bob", boot));
        alice = a.get(30, TimeUnit.SECONDS);
        bob = b.get(30, TimeUnit.SECONDS);
    }

    static P2POptions options(Path dir, String name, List<InetSocketAddress> boot) {
        return P2POptions.of(dir).onLoopback().withBootstrap(boot).withName(name).withRole(Role.SUPER);
    }

    @AfterAll
    static void stop() {
        if (alice != null) alice.close();
        if (bob != null) bob.close();
        if (seed != null) seed.close();
    }

    @Test
    void connectAcceptDatagramsStreamAndClose() throws Exception {
        assertThat(bob.localAddress().fingerprint()).isPresent();
        CompletableFuture<P2PSocket> incoming = bob.acceptAsync();
        P2PSocket out = alice.connect(bob.localAddress(), WAIT);
        P2PSocket in = incoming.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        try {
            // identities: each side sees the other's self-certifying address, verified by its key
            assertThat(in.remoteAddress()).isEqualTo(alice.localAddress());
            assertThat(in.remoteFingerprint()).isEqualTo(alice.localAddress().fingerprint().orElseThrow());
            assertThat(out.remoteAddress()).isEqualTo(bob.localAddress());
            assertThat(out.remoteFingerprint()).isEqualTo(bob.localAddress().fingerprint().orElseThrow());
            assertThat(out.isInitiator()).isTrue();
            assertThat(in.isInitiator()).isFalse();
            assertThat(out.path().type()).isEqualTo(PathType.DIRECT);
            assertThat(out.path().localCandidate()).isEqualTo("host");
            assertThat(out.path().remote()).isEqualTo(in.path().local());

            // datagrams both ways
            for (int i = 0; i < 10; i++) {
                out.send(("a->b " + i).getBytes());
                in.send(("b->a " + i).getBytes());
            }
            assertThat(new String(in.receive(WAIT))).startsWith("a->b ");
            assertThat(new String(out.receive(WAIT))).startsWith("b->a ");
            byte[] big = new byte[P2PSocket.MAX_DATAGRAM];
            big[big.length - 1] = 42;
            out.send(big);
            byte[] got;
            do {
                got = in.receive(WAIT);
            } while (got.length != big.length); // the small ones may still be queued ahead
            assertThat(got).isEqualTo(big);
            assertThatThrownBy(() -> out.send(new byte[P2PSocket.MAX_DATAGRAM + 1])).isInstanceOf(IllegalArgumentException.class);

            // 1 MiB over the stream, checked by SHA-256
            byte[] data = new byte[1 << 20];
            new SplittableRandom(8).nextBytes(data);
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    in.setReadTimeout(WAIT);
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    InputStream is = in.getInputStream();
                    byte[] buf = new byte[8192];
                    long total = 0;
                    for (int n; (n = is.read(buf)) >= 0; ) {
                        sha.update(buf, 0, n);
                        total += n;
                    }
                    assertThat(total).isEqualTo(data.length);
                    return sha.digest();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            OutputStream os = out.getOutputStream();
            os.write(data);
            os.close(); // FIN: the reader sees -1
            assertThat(received.get(60, TimeUnit.SECONDS)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));

            // the stream back, then the peer's end
            in.getOutputStream().write("bye".getBytes());
            in.shutdownOutput();
            out.setReadTimeout(WAIT);
            assertThat(out.getInputStream().readAllBytes()).isEqualTo("bye".getBytes());
        } finally {
            out.close();
            in.close();
        }
        assertThat(out.isClosed()).isTrue();
        assertThatThrownBy(() -> out.send(new byte[1])).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> out.receive(WAIT)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void unknownIdentityIsPeerNotFound() {
        P2PAddress nobody = P2PAddress.of("sip:ghost@" + "a".repeat(32) + ".peerdial");
        assertThatThrownBy(() -> alice.connect(nobody, WAIT)).isInstanceOfSatisfying(PeerNotFoundException.class,
                e -> {
                    assertThat(e.address()).isEqualTo(nobody);
                    assertThat(e.sipStatus()).isEqualTo(404);
                });
    }

    @Test
    void acceptTimesOut() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> bob.accept(Duration.ofMillis(300))).isInstanceOf(TimeoutException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aPeerWithoutUsableCandidatesGivesAConnectivityExceptionWithTheIceOutcome() throws Exception {
        List<InetSocketAddress> boot = List.of(seed.runtime().localAddress());
        // carol offers no host candidates, and on loopback there is nothing else: no pair can work
        try (P2PServerSocket carol = P2PServerSocket.bind(options(carolDir, "carol", boot).withHostCandidates(false)
                .withIceTimeout(Duration.ofSeconds(3)))) {
            CompletableFuture<P2PSocket> accepted = bob.acceptAsync();
            assertThatThrownBy(() -> carol.connect(bob.localAddress(), WAIT)).isInstanceOfSatisfying(ConnectivityException.class,
                    e -> assertThat(e.outcome()).isIn(ConnectivityException.Outcome.ICE_CHECKS_FAILED,
                            ConnectivityException.Outcome.ICE_TIMEOUT));
            assertThat(accepted).isNotDone(); // bob never hands out a connection whose ICE failed
            accepted.cancel(false);
        }
    }
}
