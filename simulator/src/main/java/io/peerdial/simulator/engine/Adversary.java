package io.peerdial.simulator.engine;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.overlay.wire.FindNode;
import io.peerdial.overlay.wire.FindValue;
import io.peerdial.overlay.wire.Message;
import io.peerdial.overlay.wire.MessageCodec;
import io.peerdial.overlay.wire.Nodes;
import io.peerdial.overlay.wire.Values;
import io.peerdial.overlay.wire.WireException;
import io.peerdial.simulator.metrics.ClosestLive;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Adversarial nodes (the {@code adversarial} experiment). An adversarial node runs the honest
 * {@code OverlayNode} core — it joins, proves its identity, keeps a table and answers pings, so it
 * gets into honest tables like anyone — but its answers to lookups are rewritten on the way out:
 * <ul>
 * <li>{@code drop}: answers to FIND_NODE / FIND_VALUE are never sent (the requester times out);
 * <li>{@code misroute}: they name only colluding (adversarial) nodes, the ones XOR-closest to the
 *     lookup's target, so a lookup that follows them stays among adversaries;
 * <li>{@code wrong-values}: as misroute, and a FIND_VALUE is answered with a forged value.
 * </ul>
 * The rewrite decodes and re-encodes with the overlay's own {@link MessageCodec}, so the requester
 * meets a well-formed message and processes it through its normal handler.
 *
 * <p>Which nodes are adversarial is drawn per node (probability {@code fraction}) from its own
 * random stream, so runs with and without adversaries share every other draw.
 */
final class Adversary {

    enum Behaviour { DROP, MISROUTE, WRONG_VALUES }

    private final double fraction;
    private final Behaviour behaviour;
    private final SplittableRandom random;
    private boolean[] adversarial = new boolean[1024];
    private final ClosestLive colluders = new ClosestLive();
    /** Lookup only (never iterated): a colluder's NodeId to its node index. */
    private final Map<NodeId, Integer> indexOf = new HashMap<>();
    /** Target of the request the adversary is answering now (set on delivery, used when it answers). */
    private NodeId target;
    private boolean valueRequest;
    long answersTampered;

    Adversary(double fraction, String behaviour, SplittableRandom random) {
        this.fraction = fraction;
        this.behaviour = switch (behaviour) {
            case "drop" -> Behaviour.DROP;
            case "misroute" -> Behaviour.MISROUTE;
            case "wrong-values" -> Behaviour.WRONG_VALUES;
            default -> throw new IllegalArgumentException("unknown adversary behaviour " + behaviour);
        };
        this.random = random;
    }

    /** Decides whether the new node {@code n} is adversarial. */
    void draw(int n) {
        if (n >= adversarial.length) adversarial = Arrays.copyOf(adversarial, Math.max(n + 1, adversarial.length * 2));
        adversarial[n] = random.nextDouble() < fraction;
    }

    boolean is(int node) {
        return node < adversarial.length && adversarial[node];
    }

    void joined(NodeId id, int node) {
        colluders.add(id);
        indexOf.put(id, node);
    }

    void left(NodeId id) {
        colluders.remove(id);
        indexOf.remove(id);
    }

    /** An adversarial node is about to handle {@code bytes}: remember what it is asked for. */
    void received(byte[] bytes) {
        target = null;
        valueRequest = false;
        Message m = decode(bytes);
        if (m instanceof FindNode f) {
            target = f.target();
        } else if (m instanceof FindValue v) {
            target = v.key();
            valueRequest = true;
        }
    }

    /** What an adversarial node actually sends instead of {@code payload}; null = nothing. */
    byte[] tamper(byte[] payload, IntFunction<Contact> contactOf) {
        Message m = decode(payload);
        if (!(m instanceof Nodes) && !(m instanceof Values) || target == null) return payload;
        answersTampered++;
        if (behaviour == Behaviour.DROP) return null;
        Message.Response r = (Message.Response) m;
        List<Contact> named = new ArrayList<>();
        for (NodeId id : colluders.closest(target, MessageCodec.MAX_CONTACTS)) named.add(contactOf.apply(indexOf.get(id)));
        if (behaviour == Behaviour.WRONG_VALUES && valueRequest) {
            byte[] forged = new byte[64];
            random.nextBytes(forged);
            return MessageCodec.encode(new Values(r.header(), observed(m), writeToken(m), named, 1, 0, List.of(forged)));
        }
        return MessageCodec.encode(new Nodes(r.header(), observed(m), writeToken(m), named));
    }

    /** Whether an honest closest holder ({@code best}) is among a lookup's results. */
    static boolean reached(List<Contact> closest, NodeId best) {
        for (Contact c : closest) if (c.id().equals(best)) return true;
        return false;
    }

    private static Message decode(byte[] bytes) {
        try {
            return MessageCodec.decode(bytes);
        } catch (WireException e) {
            return null; // not ours to judge: the receiving core counts and drops it
        }
    }

    private static java.net.InetSocketAddress observed(Message m) {
        return m instanceof Nodes n ? n.observed() : ((Values) m).observed();
    }

    private static long writeToken(Message m) {
        return m instanceof Nodes n ? n.writeToken() : ((Values) m).writeToken();
    }
}
