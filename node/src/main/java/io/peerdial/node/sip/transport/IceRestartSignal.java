package io.peerdial.node.sip.transport;

import java.util.concurrent.CompletableFuture;

/**
 * How a media anchor asks the other node of a call for an ICE restart when the call's relay died
 * (docs/MEDIA.md "Relay failover"): a signed node-to-node request outside the phones' dialog, whose
 * CSeq the node cannot use (it is a proxy).
 */
@FunctionalInterface
public interface IceRestartSignal {

    /**
     * Sends {@code body} (Content-Type {@code application/x-peerdial-ice+sdp}) for call {@code callId}
     * to the other node; completes with the body of its 200, or exceptionally when no branch answered 2xx.
     */
    CompletableFuture<byte[]> send(String callId, byte[] body);
}
