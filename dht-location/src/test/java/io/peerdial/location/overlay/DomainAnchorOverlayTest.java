package io.peerdial.location.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.Fixtures;
import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.map.EntryPublisher;
import io.peerdial.location.map.PublishException;
import io.peerdial.location.service.BindingPublisher;
import io.peerdial.location.service.Location;
import io.peerdial.location.trust.DomainAuthority;
import io.peerdial.location.trust.PinSet;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.location.trust.TrustLevel;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.storage.StoreStatus;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Storing nodes configured with a domain's trust anchor refuse uncertified writes; readers see DOMAIN trust. */
class DomainAnchorOverlayTest {

    @Test
    void storingNodesWithTheAnchorRefuseUncertifiedBindingsAndAcceptCertifiedOnes() {
        DomainAuthority ca = DomainAuthority.create("example.org", new java.util.SplittableRandom(5));
        TrustAnchors anchors = TrustAnchors.of("example.org", ca.anchor());
        LocationHarness h = new LocationHarness(67, anchors).growTo(100, 20);
        Aor aor = Aor.parse("sip:grace@example.org");
        NodeKeyPair user = NodeKeyPair.generate(h.net.newRandom());
        var device = h.randomLive();
        var bindings = new BindingPublisher(new EntryPublisher(device.access()));

        var refused = bindings.publish(user, Fixtures.binding(aor, device.id()), Duration.ofMinutes(10), new byte[0]);
        h.net.runFor(refused::isDone, 120_000);
        assertThatThrownBy(refused::join).isInstanceOf(CompletionException.class).cause().isInstanceOf(PublishException.class)
                .satisfies(e -> assertThat(((PublishException) e).replies()).allSatisfy(r -> assertThat(r.status()).isIn(StoreStatus.UNTRUSTED_OWNER, null)));

        byte[] cert = ca.certify(OwnerKey.of(user), "grace", h.net.now(), h.net.now() + Fixtures.HOUR * 24).encode();
        assertThat(bindings.entries().liveCount()).as("refused for good: not refreshed").isZero();
        h.await(bindings.publish(user, Fixtures.binding(aor, device.id()), Duration.ofMinutes(10), cert));
        var found = h.await(new Location(h.randomLive().access(), anchors, new PinSet(), null).lookup(aor));
        assertThat(found).singleElement().satisfies(b -> assertThat(b.trust()).isEqualTo(TrustLevel.DOMAIN));
    }
}
