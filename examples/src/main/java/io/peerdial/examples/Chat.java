package io.peerdial.examples;

import io.peerdial.p2p.P2PServerSocket;
import io.peerdial.p2p.P2PSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A line-based chat between two identities over one {@link P2PSocket}'s stream. One side waits
 * ({@code accept}), the other dials its address ({@code connect}); each line typed on one side is printed
 * on the other. At the end of the local input our direction ends (the stream's FIN); the chat ends when
 * both directions have. Works behind NATs: ICE picks a direct pair, or a TURN relay with {@code --relays}
 * (e2e/p2p-nat.sh runs it in network namespaces). {@code ChatTest} runs it on loopback in the build.
 *
 * <pre>
 * java ... io.peerdial.examples.Chat --data /tmp/bob --name bob               # prints "listening at sip:bob@..."
 * java ... io.peerdial.examples.Chat --data /tmp/alice --name alice \
 *     --bootstrap 127.0.0.1:PORT --connect sip:bob@FINGERPRINT.peerdial
 * </pre>
 * (the first node's overlay address is printed as "overlay at HOST:PORT"; see {@link EndpointArgs}).
 */
public final class Chat {

    private Chat() {}

    /**
     * Runs one side of a chat on an established socket: sends every line of {@code local} (UTF-8, one per
     * line), then ends our direction; hands each line from the peer to {@code remote}. Returns once both
     * directions have ended.
     */
    public static void converse(P2PSocket socket, Reader local, Consumer<String> remote) throws IOException, InterruptedException {
        AtomicReference<IOException> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            // not closed here: closing a socket's input stream closes the socket, and our direction may still be sending
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    remote.accept(line);
                }
            } catch (IOException e) {
                failure.set(e);
            }
        }, "chat-reader");
        reader.start();
        Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(local);
        for (String line; (line = in.readLine()) != null; ) {
            out.write(line);
            out.write('\n');
            out.flush(); // one line at a time: a chat, not a bulk transfer
        }
        socket.shutdownOutput();
        reader.join();
        if (failure.get() != null) throw failure.get();
    }

    /**
     * Waits until the node can get TURN credentials from a super-node's relay: right after joining, the relays'
     * adverts may not be found yet, and a connection set up without a relay candidate fails behind a symmetric NAT.
     */
    static void awaitRelay(P2PServerSocket me, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                me.node().relay().client().credentials().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) throw new IOException("no relay within " + timeout + ": " + e.getCause(), e);
                Thread.sleep(1_000);
            }
        }
    }

    /** One chat side on the command line: stdin to the peer, the peer's lines to stdout. */
    public static void main(String[] args) {
        int status = 0;
        try {
            chat(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // JAIN-SIP's EventScannerThread is not a daemon thread and outlives SipStack.stop(): end the JVM
        // explicitly, as the peerdial CLI does.
        System.exit(status);
    }

    private static void chat(String[] args) throws Exception {
        EndpointArgs a = EndpointArgs.parse(args);
        try (P2PServerSocket me = P2PServerSocket.bind(a.options())) {
            System.out.println("overlay at " + me.node().runtime().localAddress());
            System.out.println("listening at " + me.localAddress());
            if (a.options().relays()) {
                awaitRelay(me, a.timeout());
                System.out.println("relay ready");
            }
            try (P2PSocket s = a.connect() != null ? me.connect(a.connect(), a.timeout()) : me.accept(a.timeout())) {
                System.out.println("connected to " + s.remoteAddress() + " path " + s.path().type() + " " + s.path());
                converse(s, new InputStreamReader(System.in, StandardCharsets.UTF_8), line -> System.out.println("peer: " + line));
                System.out.println("chat ended");
            }
        }
    }
}
