package io.peerdial.p2p.route;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.kademlia.OverlayEvent.AppFailure;
import io.peerdial.overlay.runtime.AppHandler;
import io.peerdial.overlay.runtime.AppRefusedException;
import io.peerdial.overlay.runtime.AppRequestFailedException;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.overlay.wire.ErrorMessage.ErrorCode;
import io.peerdial.p2p.base.Blocking;
import io.peerdial.p2p.base.Inbox;
import io.peerdial.p2p.base.P2PException;
import io.peerdial.p2p.base.P2PException.Reason;
import io.peerdial.p2p.base.WireFormatException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Sends datagrams to keys and receives those routed to this node.
 *
 * <p>Theory of operation. {@code sendTo(key)} runs an iterative lookup for {@code key}; when this node
 * is closer to it (XOR) than every contact found, the datagram is delivered locally. Otherwise it
 * sends one APP_REQUEST to the closest contact; its APP_RESPONSE is the acknowledgement. A contact
 * that does not answer, answers with another NodeId or does not serve key routing is taken as not
 * live, and the next closest is tried, up to {@link #MAX_ATTEMPTS}; a refusal from a live node (its
 * inbox full, malformed request) fails the send with UNDELIVERED: a datagram for a key goes to the
 * closest node or nowhere. Delivery is at most once per successful send; a send whose
 * acknowledgement was lost may be retried by the caller and then arrive twice. Only full DHT members
 * are found by lookups: a datagram sent to the NodeId of a DHT client (a node behind a NAT) reaches
 * the member closest to that id, where {@link Routed#addressedToMe()} is false.
 *
 * <pre>{@code
 * KeyRouter router = node.route();
 * Delivery d = router.sendTo(P2PMap.key("echo"), bytes, Duration.ofSeconds(5));
 * Routed in = router.receive(Duration.ofSeconds(5));   // in.addressedToMe(): key == my NodeId?
 * }</pre>
 */
public final class KeyRouter implements AutoCloseable {

    /** Nodes tried per send, closest first. */
    public static final int MAX_ATTEMPTS = 3;
    /** Datagrams queued for {@link #receive} before this node refuses more. */
    public static final int DEFAULT_INBOX = 1_024;

    private final OverlayPort port;
    private final Inbox<Routed> inbox;
    private volatile boolean closed;

    /** Starts serving {@link RouteDatagram#SERVICE} on {@code port}. */
    public KeyRouter(OverlayPort port, int inboxCapacity) {
        this.port = Objects.requireNonNull(port, "port");
        this.inbox = new Inbox<>(inboxCapacity);
        port.serve(RouteDatagram.SERVICE, this::onRequest);
    }

    public KeyRouter(OverlayPort port) {
        this(port, DEFAULT_INBOX);
    }

    /** This node's id: a datagram sent to it arrives with {@link Routed#addressedToMe()} true. */
    public NodeId self() {
        return port.self();
    }

    /**
     * Delivers {@code payload} (at most {@link RouteDatagram#MAX_PAYLOAD} bytes) to the live node closest
     * to {@code key}. Fails with {@link P2PException}: NO_ROUTE (no live node answered), UNDELIVERED
     * (the closest node refused), CLOSED.
     */
    public CompletableFuture<Delivery> sendToAsync(NodeId key, byte[] payload) {
        RouteDatagram datagram = new RouteDatagram(key, payload); // checks arguments now
        if (closed) return CompletableFuture.failedFuture(new P2PException(Reason.CLOSED, "router closed"));
        byte[] bytes = RouteCodec.encode(datagram);
        return Blocking.translated(port.closest(key).thenCompose(contacts -> attempt(datagram, bytes, contacts, 0)));
    }

    /** Blocking {@link #sendToAsync}: at most {@code timeout}. */
    public Delivery sendTo(NodeId key, byte[] payload, Duration timeout) {
        Blocking.checkTimeout(timeout);
        return Blocking.await(sendToAsync(key, payload), timeout);
    }

    /**
     * The next datagram routed to this node; fails with CLOSED once the router is closed and drained.
     * It may complete on the overlay's loop thread: stages chained to it must not block (use the
     * {@code *Async} chaining methods for slow work).
     */
    public CompletableFuture<Routed> receiveAsync() {
        return inbox.take();
    }

    /** Blocking {@link #receiveAsync}: at most {@code timeout}, else P2PException TIMEOUT. */
    public Routed receive(Duration timeout) {
        return inbox.take(timeout);
    }

    /** Stops serving key routing; waiting receivers fail with CLOSED. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        port.stopServing(RouteDatagram.SERVICE);
        inbox.close();
    }

    private CompletableFuture<Delivery> attempt(RouteDatagram datagram, byte[] bytes, List<Contact> contacts, int index) {
        NodeId key = datagram.key();
        boolean selfClosest = index >= contacts.size() || key.compareDistance(port.self(), contacts.get(index).id()) < 0;
        if (selfClosest && index < MAX_ATTEMPTS) {
            // KBR: the closest live node takes the message, and that is this one
            if (!deliverLocally(datagram, port.self())) {
                return CompletableFuture.failedFuture(new P2PException(Reason.UNDELIVERED, "own inbox is full"));
            }
            return CompletableFuture.completedFuture(new Delivery(port.self(), index + 1));
        }
        if (index >= MAX_ATTEMPTS) {
            return CompletableFuture.failedFuture(new P2PException(Reason.NO_ROUTE,
                    "none of the " + MAX_ATTEMPTS + " closest nodes to " + key.shortHex() + " answered"));
        }
        Contact to = contacts.get(index);
        return port.request(to, RouteDatagram.SERVICE, bytes).handle((answer, failure) -> {
            if (failure == null) return CompletableFuture.completedFuture(new Delivery(to.id(), index + 1));
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof AppRequestFailedException f && notLive(f.reason())) {
                return attempt(datagram, bytes, contacts, index + 1);
            }
            return CompletableFuture.<Delivery>failedFuture(new P2PException(Reason.UNDELIVERED,
                    "node " + to + " closest to " + key.shortHex() + " refused: " + cause.getMessage(), cause));
        }).thenCompose(f -> f);
    }

    private static boolean notLive(AppFailure reason) {
        return reason == AppFailure.TIMEOUT || reason == AppFailure.WRONG_NODE || reason == AppFailure.UNKNOWN_SERVICE;
    }

    private CompletionStage<byte[]> onRequest(AppHandler.Call call) {
        RouteDatagram datagram;
        try {
            datagram = RouteCodec.decode(call.payload());
        } catch (WireFormatException e) {
            return CompletableFuture.failedFuture(new AppRefusedException(ErrorCode.MALFORMED, e.getMessage()));
        }
        if (!deliverLocally(datagram, call.sender())) {
            return CompletableFuture.failedFuture(new AppRefusedException(ErrorCode.OVERLOADED, "inbox full"));
        }
        return CompletableFuture.completedFuture(new byte[0]);
    }

    private boolean deliverLocally(RouteDatagram d, NodeId sender) {
        return inbox.offer(new Routed(d.key(), sender, d.payload(), d.key().equals(port.self())));
    }
}
