package io.peerdial.node.media.ice;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ice4j.TransportAddress;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.harvest.TurnCandidateHarvest;
import org.ice4j.ice.harvest.TurnCandidateHarvester;
import org.ice4j.security.LongTermCredential;

/**
 * ice4j's TURN harvester pointed at a TURN tap ({@code io.peerdial.node.media.turn.net.TurnTap}) rather
 * than at the server. It keeps the relayed candidate and drops the server-reflexive one ice4j would
 * make from the Allocate response's XOR-MAPPED-ADDRESS (RFC 8489 §14.2): through the tap that is the
 * address of the tap's own socket, not of the host candidate, so a peer cannot reach it, and ice4j
 * would pair it by its base, the host candidate, which a relay-only run must never pair. It keeps its
 * harvests, one per host candidate, so that the run can delete their allocations before it frees the
 * agent ({@link #deleteAllocations()}, see {@link TappedTurnHarvest} for why ice4j cannot be left to).
 */
final class TappedTurnHarvester extends TurnCandidateHarvester {
    private final List<TappedTurnHarvest> harvests = new CopyOnWriteArrayList<>();

    TappedTurnHarvester(TransportAddress tap, LongTermCredential credential) {
        super(tap, credential);
    }

    @Override
    protected TurnCandidateHarvest createHarvest(HostCandidate hostCandidate) {
        TappedTurnHarvest harvest = new TappedTurnHarvest(this, hostCandidate);
        harvests.add(harvest);
        return harvest;
    }

    /** Deletes every allocation this harvester made (RFC 8656 §8.1); done when the server answered each. */
    CompletableFuture<Void> deleteAllocations() {
        return CompletableFuture.allOf(harvests.stream().map(TappedTurnHarvest::deleteAllocation).toArray(CompletableFuture[]::new));
    }
}
