package io.peerdial.relay.receipt;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.relay.receipt.ReceiptException.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The relay's side of receipts, sans-IO: the sessions it serves, and for each the latest receipt
 * its client signed, kept as proof of the bytes relayed (docs/INCENTIVES.md, "Receipts").
 *
 * <p>A receipt is kept only if it names this relay and an open session, is signed by that
 * session's client, is not from the future, and is newer (issuedAt) than the kept one with no
 * counter lower: a replayed or reordered receipt changes nothing. {@link #unreceipted} tells the
 * driver how far a client's receipts lag behind what the relay counted, so it can stop serving a
 * client that does not sign (the relay's only lever; a receipt cannot be forced).
 *
 * <p>A closed session stays only while its final receipt may still come ({@link #forgetClosedBefore}):
 * every accepted receipt is handed on to the DHT's receipt directory at once, which is where proofs
 * live after that, so a relay that runs for months does not keep every call it ever served.
 */
public final class ReceiptBook {

    private final NodeId self;
    private final long maxClockSkewMs;
    private final Map<SessionId, Session> sessions = new HashMap<>();

    private static final class Session {
        final OwnerKey client;
        final long openedAt;
        SignedReceipt latest;
        long closedAt = -1;

        Session(OwnerKey client, long openedAt) {
            this.client = client;
            this.openedAt = openedAt;
        }
    }

    public ReceiptBook(NodeId self, long maxClockSkewMs) {
        this.self = Objects.requireNonNull(self, "self");
        if (maxClockSkewMs < 0) throw new IllegalArgumentException("skew must be >= 0");
        this.maxClockSkewMs = maxClockSkewMs;
    }

    /** A session starts (allocation created for a client whose overlay key is {@code client}). */
    public void open(long now, SessionId session, OwnerKey client) {
        Session existing = sessions.get(session);
        if (existing != null && !existing.client.equals(client)) {
            throw new IllegalStateException("session " + session + " is held by another client");
        }
        if (existing == null) {
            sessions.put(session, new Session(client, now));
        }
    }

    /** The session ended at {@code now}; its final receipt is still accepted until {@link #forgetClosedBefore}. */
    public void close(long now, SessionId session) {
        Session s = sessions.get(session);
        if (s != null && s.closedAt < 0) s.closedAt = now;
    }

    /** Drops the sessions that closed before {@code cutoff}, with their kept receipts; returns how many. */
    public int forgetClosedBefore(long cutoff) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.closedAt >= 0 && s.closedAt < cutoff);
        return before - sessions.size();
    }

    /**
     * Keeps {@code r} as the proof of its session if it is valid and newer, and returns it; the
     * kept receipt does not change otherwise. A receipt arriving after the session closed (the
     * client's final one, sent on close) is still accepted.
     */
    public SignedReceipt accept(long now, SignedReceipt r) throws ReceiptException {
        Receipt receipt = r.receipt();
        if (!receipt.relay().equals(self)) {
            throw new ReceiptException(Reason.WRONG_RELAY, "names " + receipt.relay().shortHex());
        }
        Session s = sessions.get(receipt.session());
        if (s == null) {
            throw new ReceiptException(Reason.UNKNOWN_SESSION, receipt.session().toString());
        }
        if (!s.client.equals(receipt.client())) {
            throw new ReceiptException(Reason.WRONG_CLIENT, "session belongs to " + s.client.fingerprint());
        }
        if (receipt.issuedAt() > now + maxClockSkewMs) {
            throw new ReceiptException(Reason.FROM_FUTURE, "issued " + (receipt.issuedAt() - now) + " ms ahead");
        }
        if (!ReceiptCodec.verify(r)) {
            throw new ReceiptException(Reason.BAD_SIGNATURE, "not signed by " + s.client.fingerprint());
        }
        if (s.latest != null) {
            Receipt kept = s.latest.receipt();
            if (receipt.issuedAt() <= kept.issuedAt()) {
                throw new ReceiptException(Reason.REPLAYED, "issued at " + receipt.issuedAt() + ", kept " + kept.issuedAt());
            }
            if (!receipt.covers(kept)) {
                throw new ReceiptException(Reason.REGRESSED, "counts below the kept receipt's");
            }
        }
        s.latest = r;
        return r;
    }

    /** The kept receipt of {@code session}, or null. */
    public SignedReceipt latest(SessionId session) {
        Session s = sessions.get(session);
        return s == null ? null : s.latest;
    }

    /**
     * Bytes the relay counted for {@code session} that no receipt covers yet (both directions), or
     * -1 for an unknown session.
     */
    public long unreceipted(SessionId session, long countedToPeers, long countedToClient) {
        Session s = sessions.get(session);
        if (s == null) return -1;
        long toPeers = s.latest == null ? 0 : s.latest.receipt().bytesToPeers();
        long toClient = s.latest == null ? 0 : s.latest.receipt().bytesToClient();
        return Math.max(0, countedToPeers - toPeers) + Math.max(0, countedToClient - toClient);
    }

    /** Every kept receipt: this relay's proof of credit (and its clients' debits) to publish. */
    public List<SignedReceipt> proofs() {
        List<SignedReceipt> out = new ArrayList<>();
        for (Session s : sessions.values()) {
            if (s.latest != null) out.add(s.latest);
        }
        out.sort((a, b) -> Long.compare(a.receipt().issuedAt(), b.receipt().issuedAt()));
        return out;
    }

    public int openSessions() {
        return (int) sessions.values().stream().filter(s -> s.closedAt < 0).count();
    }
}
