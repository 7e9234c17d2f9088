package io.peerdial.examples;

import io.peerdial.p2p.group.GroupMessage;
import io.peerdial.p2p.group.GroupSocket;
import io.peerdial.p2p.runtime.P2PNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A group chat of five members with no chat server: each member joins the group "lobby" (its
 * membership is a signed, TTL'd entry in the DHT), says hello to the group (the members fan the
 * message out among themselves), and reads what the others said.
 */
public final class GroupChat {

    /** The chat's group name. */
    public static final String ROOM = "lobby";

    private GroupChat() {}

    /**
     * Starts {@code members} nodes under {@code dir}, has each say hello, and returns, per member, the
     * lines it received ("sender-index: text"), in arrival order.
     */
    public static List<List<String>> run(Path dir, int members, Duration timeout) throws Exception {
        try (LocalOverlay overlay = LocalOverlay.start(dir, members, timeout)) {
            List<P2PNode> nodes = overlay.nodes();
            List<GroupSocket> sockets = new ArrayList<>();
            for (P2PNode node : nodes) sockets.add(node.groups().join(ROOM, timeout));
            for (int i = 0; i < members; i++) {
                sockets.get(i).send(("hello from member " + i).getBytes(StandardCharsets.UTF_8), timeout);
            }
            List<List<String>> transcripts = new ArrayList<>();
            for (GroupSocket socket : sockets) {
                List<String> lines = new ArrayList<>();
                for (int k = 0; k < members - 1; k++) {
                    GroupMessage m = socket.receive(timeout);
                    int from = nodes.stream().map(P2PNode::nodeId).toList().indexOf(m.sender());
                    lines.add(from + ": " + new String(m.payload(), StandardCharsets.UTF_8));
                }
                transcripts.add(lines);
            }
            for (GroupSocket socket : sockets) socket.leave(timeout);
            return transcripts;
        }
    }

    /** Runs the five-member chat and prints each member's transcript. */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("peerdial-groupchat");
        List<List<String>> transcripts = run(dir, 5, Duration.ofSeconds(10));
        for (int i = 0; i < transcripts.size(); i++) {
            System.out.println("member " + i + " read: " + transcripts.get(i));
        }
    }
}
