package io.peerdial.examples;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.p2p.base.P2PException;
import io.peerdial.p2p.dht.P2PMap;
import io.peerdial.p2p.route.KeyRouter;
import io.peerdial.p2p.route.Routed;
import io.peerdial.p2p.runtime.P2PNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A key-routed echo service: there is no echo server address, only the key {@code P2PMap.key("echo")}.
 * Whichever live node is closest to that key gets the requests (its {@link Routed#addressedToMe()} is
 * false) and sends each payload back to the requester's own NodeId (where it arrives addressed to
 * it). Every node runs the same code, so the service survives the loss of the node serving it.
 * {@link #main} runs it on three nodes and prints the echoes; {@code KeyEchoTest} runs it in the build.
 */
public final class KeyEcho {

    /** The key the echo service lives at. */
    public static final NodeId ECHO_KEY = P2PMap.key("echo");

    private KeyEcho() {}

    /**
     * Starts {@code nodeCount} nodes under {@code dir}, sends each message to the echo key from the
     * first node and returns the echoed replies in order.
     */
    public static List<String> run(Path dir, int nodeCount, List<String> messages, Duration timeout) throws Exception {
        try (LocalOverlay overlay = LocalOverlay.start(dir, nodeCount, timeout)) {
            List<BlockingQueue<Routed>> replies = new ArrayList<>();
            for (P2PNode node : overlay.nodes()) {
                BlockingQueue<Routed> mine = new LinkedBlockingQueue<>();
                replies.add(mine);
                serve(node.route(), mine);
            }
            KeyRouter client = overlay.nodes().get(0).route();
            List<String> out = new ArrayList<>();
            for (String message : messages) {
                client.sendTo(ECHO_KEY, message.getBytes(StandardCharsets.UTF_8), timeout);
                Routed reply = replies.get(0).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (reply == null) throw new P2PException(P2PException.Reason.TIMEOUT, "no echo of '" + message + "'");
                out.add(new String(reply.payload(), StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    /**
     * One node's dispatcher: requests for the echo key are echoed to their sender; datagrams addressed
     * to this node itself are replies, queued for the client.
     */
    private static void serve(KeyRouter router, BlockingQueue<Routed> replies) {
        router.receiveAsync().thenAccept(in -> {
            if (in.addressedToMe()) {
                replies.add(in);
            } else if (in.key().equals(ECHO_KEY)) {
                router.sendToAsync(in.sender(), in.payload()); // a failed echo shows as the client's timeout
            }
            serve(router, replies);
        });
    }

    /** Runs three nodes and echoes the arguments (or a default message). */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("peerdial-keyecho");
        List<String> messages = args.length == 0 ? List.of("hello, closest node") : List.of(args);
        for (String reply : run(dir, 3, messages, Duration.ofSeconds(10))) {
            System.out.println("echo: " + reply);
        }
    }
}
