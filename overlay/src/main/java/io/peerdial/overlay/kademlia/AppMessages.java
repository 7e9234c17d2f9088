package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.wire.AppRequest;
import io.peerdial.overlay.wire.AppResponse;
import io.peerdial.overlay.wire.ErrorMessage;
import io.peerdial.overlay.wire.Header;
import io.peerdial.overlay.wire.Message;
import io.peerdial.overlay.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * The application-message side of {@link OverlayNode} (docs/PROTOCOL.md, APP_REQUEST): which
 * services this node serves, and how an APP_REQUEST's outcome becomes an event. The RPC itself
 * (transaction id, deadlines, address check) is tracked like every other request by the node.
 */
final class AppMessages {

    /** Served services; null until the first (most simulated nodes serve none). */
    private Set<Integer> served;

    void serve(int service) {
        if (service < 0 || service > 0xFFFF) throw new IllegalArgumentException("service must be 0 to 65535, got " + service);
        if (served == null) served = new HashSet<>();
        served.add(service);
    }

    void stopServing(int service) {
        if (served != null) served.remove(service);
    }

    /** A served request becomes an event (the driver answers it); any other gets ERROR UNKNOWN_SERVICE at once. */
    Message.Response onRequest(InetSocketAddress from, AppRequest req, Header answerHeader, Fifo<OverlayEvent> events) {
        if (served == null || !served.contains(req.service())) {
            return new ErrorMessage(answerHeader, ErrorMessage.ErrorCode.UNKNOWN_SERVICE, "no service " + req.service());
        }
        events.add(new OverlayEvent.AppRequest(from, req.header().sender(), req.header().transactionId(), req.service(),
                req.payload()));
        return null;
    }

    void onResponse(PendingRpc rpc, NodeId sender, Message.Response resp, Fifo<OverlayEvent> events) {
        int service = ((AppRequest) rpc.request()).service();
        if (resp instanceof AppResponse a && a.service() == service) {
            events.add(new OverlayEvent.AppResponse(rpc.transactionId(), sender, a.payload()));
        } else {
            failed(rpc, OverlayEvent.AppFailure.BAD_ANSWER, events);
        }
    }

    void refused(PendingRpc rpc, ErrorMessage error, Fifo<OverlayEvent> events) {
        OverlayEvent.AppFailure reason = error.code() == ErrorMessage.ErrorCode.UNKNOWN_SERVICE
                ? OverlayEvent.AppFailure.UNKNOWN_SERVICE : OverlayEvent.AppFailure.REFUSED;
        events.add(new OverlayEvent.AppFailed(rpc.transactionId(), reason, error.code() + ": " + error.detail()));
    }

    void failed(PendingRpc rpc, OverlayEvent.AppFailure reason, Fifo<OverlayEvent> events) {
        events.add(new OverlayEvent.AppFailed(rpc.transactionId(), reason, reason.name().toLowerCase(java.util.Locale.ROOT)));
    }
}
