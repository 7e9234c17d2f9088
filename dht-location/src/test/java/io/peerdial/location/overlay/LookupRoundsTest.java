package io.peerdial.location.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.Fixtures;
import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.Binding;
import io.peerdial.location.binding.BindingContact;
import io.peerdial.location.binding.Reachability;
import io.peerdial.location.map.EntryPublisher;
import io.peerdial.location.service.BindingPublisher;
import io.peerdial.location.service.Location;
import io.peerdial.location.trust.PinSet;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Issue #3's lookup target: AOR lookups in a 1,000-node in-memory overlay take ≤ 4 request rounds at the median. */
class LookupRoundsTest {

    private static final int NODES = 1_000;
    private static final int AORS = 100;

    @Test
    void medianAorLookupTakesAtMostFourRounds() {
        LocationHarness h = new LocationHarness(1000).growTo(NODES, 20);
        List<Aor> aors = new ArrayList<>();
        for (int i = 0; i < AORS; i++) {
            NodeKeyPair user = NodeKeyPair.generate(h.net.newRandom());
            Aor aor = Aor.parse("sip:user" + i + "@example.org");
            var device = h.randomLive();
            Binding b = new Binding(aor, device.id(), Reachability.PUBLIC, 0,
                    List.of(BindingContact.direct(BindingContact.Transport.UDP, Fixtures.ip("192.0.2.2"), 5060)));
            h.await(new BindingPublisher(new EntryPublisher(device.access())).publish(user, b, Duration.ofMinutes(30), new byte[0]));
            aors.add(aor);
        }
        List<Integer> rounds = new ArrayList<>();
        int found = 0;
        for (Aor aor : aors) {
            Location location = new Location(h.randomLive().access(), TrustAnchors.none(), new PinSet(), null);
            Location.Found f = h.await(location.find(aor));
            if (f.bindings().size() == 1) found++;
            rounds.add(f.rounds());
        }
        rounds.sort(null);
        int median = rounds.get(rounds.size() / 2);
        int p95 = rounds.get((int) (rounds.size() * 0.95));
        LoggerFactory.getLogger(LookupRoundsTest.class).info("{} AOR lookups on {} nodes: {} found, rounds median {}, p95 {}, max {}",
                AORS, NODES, found, median, p95, rounds.get(rounds.size() - 1));
        assertThat(found).isEqualTo(AORS);
        assertThat(median).as("median request rounds").isLessThanOrEqualTo(4);
    }
}
