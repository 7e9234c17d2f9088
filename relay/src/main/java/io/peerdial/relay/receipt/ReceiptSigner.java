package io.peerdial.relay.receipt;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.util.Objects;

/**
 * The relayed client's side, sans-IO: feed it the session's byte counters; it signs a new
 * cumulative receipt when {@code intervalMs} has passed or {@code byteStep} more bytes were relayed
 * since the last one, and on {@link #close}. The driver sends each receipt to the relay over the
 * overlay. issuedAt strictly increases even if the clock stalls, so the relay never sees two
 * receipts of one session with the same time.
 */
public final class ReceiptSigner {
    private final NodeKeyPair key;
    private final NodeId relay;
    private final SessionId session;
    private final long intervalMs;
    private final long byteStep;
    private long lastAt = -1;
    private long lastToPeers, lastToClient;

    public ReceiptSigner(NodeKeyPair key, NodeId relay, SessionId session, long intervalMs, long byteStep) {
        this.key = Objects.requireNonNull(key, "key");
        this.relay = Objects.requireNonNull(relay, "relay");
        this.session = Objects.requireNonNull(session, "session");
        if (intervalMs <= 0 || byteStep <= 0) throw new IllegalArgumentException("interval and step must be > 0");
        this.intervalMs = intervalMs;
        this.byteStep = byteStep;
    }

    /** A receipt if one is due, else null. Counters are cumulative and must not go down. */
    public SignedReceipt update(long now, long bytesToPeers, long bytesToClient) {
        check(bytesToPeers, bytesToClient);
        boolean changed = bytesToPeers != lastToPeers || bytesToClient != lastToClient;
        boolean due = lastAt < 0
                ? changed
                : changed && (now - lastAt >= intervalMs
                        || (bytesToPeers - lastToPeers) + (bytesToClient - lastToClient) >= byteStep);
        return due ? sign(now, bytesToPeers, bytesToClient) : null;
    }

    /** The final receipt of the session (always signed, even with no new bytes). */
    public SignedReceipt close(long now, long bytesToPeers, long bytesToClient) {
        check(bytesToPeers, bytesToClient);
        return sign(now, bytesToPeers, bytesToClient);
    }

    /** When {@link #update} may next sign on time alone (the driver's timer), or Long.MAX_VALUE. */
    public long nextDue() {
        return lastAt < 0 ? Long.MAX_VALUE : lastAt + intervalMs;
    }

    private void check(long toPeers, long toClient) {
        if (toPeers < lastToPeers || toClient < lastToClient) {
            throw new IllegalArgumentException("cumulative counters went down");
        }
    }

    private SignedReceipt sign(long now, long toPeers, long toClient) {
        long at = Math.max(now, lastAt + 1);
        lastAt = at;
        lastToPeers = toPeers;
        lastToClient = toClient;
        return ReceiptCodec.sign(new Receipt(relay, OwnerKey.of(key), session, toPeers, toClient, at), key);
    }
}
