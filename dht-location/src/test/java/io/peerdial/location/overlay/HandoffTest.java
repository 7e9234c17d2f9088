package io.peerdial.location.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.Fixtures;
import io.peerdial.location.binding.Aor;
import io.peerdial.location.map.EntryPublisher;
import io.peerdial.location.service.BindingPublisher;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A node that joins closer to a key than its holders receives the key's entries (handoff, issue #3). */
class HandoffTest {

    @Test
    void aNodeJoiningCloserToAKeyReceivesItsEntries() {
        LocationHarness h = new LocationHarness(61).growTo(200, 20);
        NodeKeyPair user = NodeKeyPair.generate(h.net.newRandom());
        Aor aor = Aor.parse("sip:frank@example.org");
        NodeId key = aor.dhtKey();
        var device = h.randomLive();
        h.await(new BindingPublisher(new EntryPublisher(device.access()))
                .publish(user, Fixtures.binding(aor, device.id()), Duration.ofMinutes(30), new byte[0]));

        NodeId closest = h.liveByDistance(key).get(0).id();
        NodeKeyPair newcomer;
        do {
            newcomer = NodeKeyPair.generate(h.net.newRandom());
        } while (key.compareDistance(newcomer.nodeId(), closest) >= 0);
        var joined = h.join(newcomer);
        h.net.runFor(60_000); // no write by the owner in this minute: only handoff can bring the entry
        assertThat(joined.storage().get(h.net.now(), key)).as("entries handed to the closer newcomer").hasSize(1);
    }
}
