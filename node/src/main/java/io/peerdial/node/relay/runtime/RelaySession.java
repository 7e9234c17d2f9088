package io.peerdial.node.relay.runtime;

import io.peerdial.node.relay.RelayServiceIds;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.runtime.OverlayRuntime;
import io.peerdial.overlay.runtime.RuntimeClock;
import io.peerdial.relay.receipt.ReceiptCodec;
import io.peerdial.relay.receipt.ReceiptSigner;
import io.peerdial.relay.receipt.SessionId;
import io.peerdial.relay.receipt.SignedReceipt;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * One relayed session seen from the client: feed it the session's cumulative byte counts (the
 * ICE layer counts what it sent through and received from the relay); it signs a receipt when
 * one is due ({@link ReceiptSigner}) and sends it to the relay over the overlay. The relay keeps
 * the latest as proof of what it relayed for us (docs/INCENTIVES.md). Thread-safe.
 */
public final class RelaySession {

    private final OverlayRuntime overlay;
    private final InetSocketAddress relayOverlay;
    private final NodeId relay;
    private final ReceiptSigner signer;
    private final SessionId id;
    private final RuntimeClock clock = new RuntimeClock();

    RelaySession(OverlayRuntime overlay, InetSocketAddress relayOverlay, NodeId relay, ReceiptSigner signer, SessionId id) {
        this.overlay = overlay;
        this.relayOverlay = relayOverlay;
        this.relay = relay;
        this.signer = signer;
        this.id = id;
    }

    public SessionId id() {
        return id;
    }

    /**
     * Signs and sends a receipt if one is due; completes when the relay kept it (at once when none
     * was due). Fails with {@code AppRequestFailedException} when the relay refused it.
     */
    public CompletableFuture<Void> update(long bytesToPeers, long bytesToClient) {
        SignedReceipt r;
        synchronized (this) {
            r = signer.update(clock.now(), bytesToPeers, bytesToClient);
        }
        return r == null ? CompletableFuture.completedFuture(null) : send(r);
    }

    /** The session ended: the final receipt, always sent. */
    public CompletableFuture<Void> close(long bytesToPeers, long bytesToClient) {
        SignedReceipt r;
        synchronized (this) {
            r = signer.close(clock.now(), bytesToPeers, bytesToClient);
        }
        return send(r);
    }

    /** Sends an already signed receipt (also how a test sends a forged one). */
    public CompletableFuture<Void> send(SignedReceipt r) {
        return overlay.appRequest(relayOverlay, relay, RelayServiceIds.RECEIPTS, ReceiptCodec.encode(r)).thenApply(answer -> null);
    }
}
