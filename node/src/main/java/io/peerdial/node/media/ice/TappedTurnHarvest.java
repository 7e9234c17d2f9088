package io.peerdial.node.media.ice;

import java.util.concurrent.CompletableFuture;
import org.ice4j.StunException;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.LifetimeAttribute;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.RelayedCandidate;
import org.ice4j.ice.harvest.TurnCandidateHarvest;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.socket.RelayedCandidateDatagramSocket;
import org.ice4j.stack.TransactionID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host candidate's TURN allocation through a TURN tap, which the run deletes itself before it
 * frees the agent ({@link #deleteAllocation()}).
 *
 * <p>Why: ice4j 3.2 sends the Refresh with LIFETIME 0 that deletes an allocation (RFC 8656 §8.1) only
 * from {@code RelayedCandidateDatagramSocket.close()}, and {@code Agent.free()} reaches that close
 * from {@code StunStack.shutDown()}, which stops the stack's connectors one by one in hash-map order:
 * when the host candidate's connector is stopped before the relayed candidate's, the Refresh meets a
 * stopped connector ("Can not send message, Connector stopped") and never leaves. Over TCP the tap's
 * closing connection frees the allocation anyway (§3.1); over UDP it stayed on the relay until its
 * lifetime ran out (up to 10 minutes), about one call in ten. Sent while the stack is running, the
 * Refresh is an ordinary ice4j transaction: retransmitted, asked again after a 438 Stale Nonce
 * (RFC 8489 §9.2.5), and its answer is seen.
 *
 * <p>Also drops the server-reflexive candidate ice4j would make from the Allocate response's
 * XOR-MAPPED-ADDRESS: see {@link TappedTurnHarvester}.
 */
final class TappedTurnHarvest extends TurnCandidateHarvest {
    private static final Logger log = LoggerFactory.getLogger(TappedTurnHarvest.class);

    private final CompletableFuture<Void> deleted = new CompletableFuture<>();
    private volatile boolean allocated;
    private volatile boolean deleting;

    TappedTurnHarvest(TappedTurnHarvester harvester, HostCandidate hostCandidate) {
        super(harvester, hostCandidate);
    }

    /**
     * Sends the Refresh with LIFETIME 0 that deletes the allocation (RFC 8656 §8.1) and stops ice4j's
     * refreshes; the future completes when the server answered (success or error) or the transaction
     * failed (ice4j's retransmissions ran out), at once when there is no allocation. Idempotent.
     */
    CompletableFuture<Void> deleteAllocation() {
        synchronized (this) {
            if (!allocated || deleting) {
                return allocated ? deleted : CompletableFuture.completedFuture(null);
            }
            deleting = true;
        }
        setSendKeepAliveMessageInterval(SEND_KEEP_ALIVE_MESSAGE_INTERVAL_NOT_SPECIFIED); // no Refresh after the last one
        try {
            sendRequest(MessageFactory.createRefreshRequest(0), false, null);
        } catch (StunException e) {
            log.debug("TURN Refresh(0) not sent to {}: {}", harvester.stunServer, e.toString());
            deleted.complete(null);
        }
        return deleted;
    }

    @Override
    protected void createServerReflexiveCandidate(Response response) {
        // not for a tapped allocation: see TappedTurnHarvester
    }

    @Override
    protected RelayedCandidate createRelayedCandidate(TransportAddress transportAddress, TransportAddress mappedAddress) {
        RelayedCandidate candidate = super.createRelayedCandidate(transportAddress, mappedAddress);
        allocated = true;
        return candidate;
    }

    @Override
    protected void processSuccess(Response response, Request request, TransactionID transactionID) {
        super.processSuccess(response, request, transactionID);
        if (isDeletion(request)) {
            deleted.complete(null);
        }
    }

    @Override
    protected boolean processErrorOrFailure(Response response, Request request, TransactionID transactionID) {
        boolean retried = super.processErrorOrFailure(response, request, transactionID); // 401 / 438: ice4j asks again
        if (!retried && isDeletion(request)) {
            deleted.complete(null); // an error answer (437: gone already) or no answer at all: nothing more to do
        }
        return retried;
    }

    /** ice4j's own Refresh(0) from {@code Agent.free()}; not again once {@link #deleteAllocation()} sent one. */
    @Override
    public void close(RelayedCandidateDatagramSocket socket) {
        if (!deleting) {
            super.close(socket);
        }
    }

    private boolean isDeletion(Request request) {
        return deleting && request != null && request.getMessageType() == Message.REFRESH_REQUEST
                && request.getAttribute(Attribute.LIFETIME) instanceof LifetimeAttribute l && l.getLifetime() == 0;
    }
}
