package io.peerdial.p2p.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.p2p.stream.StreamConfig;
import io.peerdial.p2p.stream.StreamConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The blocking adapter over two real UDP sockets on 127.0.0.1. */
@Timeout(30)
class StreamSocketTest {

    private StreamSocket alice;
    private StreamSocket bob;

    @BeforeEach
    void connect() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        DatagramSocket a = new DatagramSocket(new InetSocketAddress(loopback, 0));
        DatagramSocket b = new DatagramSocket(new InetSocketAddress(loopback, 0));
        StreamConfig config = StreamConfig.defaults();
        alice = StreamSocket.open(new UdpDatagramPath(a, (InetSocketAddress) b.getLocalSocketAddress()), config, 5);
        bob = StreamSocket.open(new UdpDatagramPath(b, (InetSocketAddress) a.getLocalSocketAddress()), config, 5);
    }

    @AfterEach
    void release() {
        alice.abort(0);
        bob.abort(0);
    }

    @Test
    void transfersBothWaysAndEndsCleanly() throws Exception {
        byte[] data = new byte[8 * 1024 * 1024];
        new SplittableRandom(1).nextBytes(data);
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(bob.getInputStream()));
        try (OutputStream out = alice.getOutputStream()) {
            for (int off = 0; off < data.length; off += 10_000) {
                out.write(data, off, Math.min(10_000, data.length - off));
            }
        }
        assertThat(received.get(20, TimeUnit.SECONDS)).isEqualTo(data);

        bob.getOutputStream().write("bye".getBytes());
        bob.shutdownOutput();
        assertThat(readAll(alice.getInputStream())).isEqualTo("bye".getBytes());
        bob.close();
        alice.close();
        assertThat(alice.state()).isEqualTo(StreamConnection.State.CLOSED);
        assertThat(bob.state()).isEqualTo(StreamConnection.State.CLOSED);
    }

    @Test
    void readTimesOutAndTheSocketStaysUsable() throws Exception {
        bob.setReadTimeout(100);
        assertThatThrownBy(() -> bob.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        alice.getOutputStream().write(7);
        bob.setReadTimeout(2_000);
        assertThat(bob.getInputStream().read()).isEqualTo(7);
    }

    @Test
    void abortReachesThePeerAsAnException() throws Exception {
        alice.getOutputStream().write(new byte[100]);
        assertThat(bob.getInputStream().readNBytes(100)).hasSize(100);
        alice.abort(9);
        bob.setReadTimeout(5_000);
        assertThatThrownBy(() -> bob.getInputStream().read()).isInstanceOf(SocketException.class)
                .hasMessageContaining("reset");
        assertThatThrownBy(() -> bob.getOutputStream().write(1)).isInstanceOf(SocketException.class);
    }

    @Test
    void writeAfterShutdownIsAnIoException() throws Exception {
        alice.shutdownOutput();
        assertThatThrownBy(() -> alice.getOutputStream().write(1)).isInstanceOf(SocketException.class);
        assertThat(bob.getInputStream().read()).isEqualTo(-1);
    }

    private static byte[] readAll(InputStream in) {
        try {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
