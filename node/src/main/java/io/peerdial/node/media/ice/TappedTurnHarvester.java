package io.peerdial.node.media.ice;

import org.ice4j.TransportAddress;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.harvest.TurnCandidateHarvest;
import org.ice4j.ice.harvest.TurnCandidateHarvester;
import org.ice4j.message.Response;
import org.ice4j.security.LongTermCredential;

/**
 * ice4j's TURN harvester pointed at a TURN tap ({@code io.peerdial.node.media.turn.net.TurnTap}) rather
 * than at the server. It keeps the relayed candidate and drops the server-reflexive one ice4j would
 * make from the Allocate response's XOR-MAPPED-ADDRESS (RFC 8489 §14.2): through the tap that is the
 * address of the tap's own socket, not of the host candidate, so a peer cannot reach it, and ice4j
 * would pair it by its base, the host candidate, which a relay-only run must never pair.
 */
final class TappedTurnHarvester extends TurnCandidateHarvester {

    TappedTurnHarvester(TransportAddress tap, LongTermCredential credential) {
        super(tap, credential);
    }

    @Override
    protected TurnCandidateHarvest createHarvest(HostCandidate hostCandidate) {
        return new TurnCandidateHarvest(this, hostCandidate) {
            @Override
            protected void createServerReflexiveCandidate(Response response) {
                // not for a tapped allocation: see the class comment
            }
        };
    }
}
