package io.peerdial.relay.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.map.SignedDhtMap;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.relay.advert.AdvertCodec;
import io.peerdial.relay.advert.AdvertDirectory;
import io.peerdial.relay.advert.RelayAdvert;
import io.peerdial.relay.advert.RelaySelector;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Super-nodes publish adverts through the DHT map on 60 real overlay nodes; a client finds and picks them. */
class AdvertOverlayTest {
    static OverlayHarness h;

    @BeforeAll
    static void overlay() {
        h = new OverlayHarness().growTo(60);
    }

    static RelayAdvert advert(NodeKeyPair key, String ip, long sessionsLeft, int load, long at) {
        return new RelayAdvert(OwnerKey.of(key), new InetSocketAddress(ip, 3478), true, sessionsLeft, 1_000_000, load, "eu", at);
    }

    @Test
    void publishedAdvertsAreFoundAndTheSelectorPicksNearbyLightlyLoadedRelays() {
        List<NodeKeyPair> relays = new ArrayList<>();
        List<AdvertDirectory> directories = new ArrayList<>();
        String[] ips = {"192.0.2.10", "192.0.2.11", "198.51.100.12", "203.0.113.13", "203.0.113.14"};
        int[] loads = {100, 900, 200, 0, 500};
        for (int i = 0; i < ips.length; i++) {
            NodeKeyPair key = NodeKeyPair.generate(h.net.newRandom());
            relays.add(key);
            var dir = new AdvertDirectory(h.map(i, key), 4, Duration.ofMinutes(5));
            directories.add(dir);
            h.await(dir.publish(AdvertCodec.sign(advert(key, ips[i], i == 3 ? 0 : 10, loads[i], h.net.now()), key)));
        }
        // a relay's load changes: the new advert replaces the old one
        h.await(directories.get(1).publish(AdvertCodec.sign(advert(relays.get(1), ips[1], 10, 50, h.net.now()), relays.get(1))));

        var reader = new AdvertDirectory(h.map(40, NodeKeyPair.generate(h.net.newRandom())), 4, Duration.ofMinutes(5));
        List<RelayAdvert> found = h.await(reader.find(h.net.now(), "eu", 600_000));
        assertThat(found).extracting(RelayAdvert::relayId).containsExactlyInAnyOrderElementsOf(relays.stream().map(NodeKeyPair::nodeId).toList());
        assertThat(found).filteredOn(a -> a.relayId().equals(relays.get(1).nodeId())).singleElement()
                .extracting(RelayAdvert::loadPermille).isEqualTo(50);
        assertThat(h.await(reader.find(h.net.now(), "us", 600_000))).isEmpty();

        RelaySelector selector = new RelaySelector(20_000, 2.0, 60_000);
        selector.offer(found);
        // relay 3 has no sessions left: never probed nor chosen
        assertThat(selector.toProbe(h.net.now(), 10)).extracting(RelayAdvert::relayId).doesNotContain(relays.get(3).nodeId()).hasSize(4);
        long[] rtts = {40, 30, 20, 5, 25};
        for (int i = 0; i < rtts.length; i++) selector.measured(relays.get(i).nodeId(), rtts[i]);
        // scores: 0: 40×1.2=48, 1: 30×1.1=33, 2: 20×1.4=28, 4: 25×2=50 → relay 2, then relay 1 (another /24)
        var choice = selector.choose(h.net.now()).orElseThrow();
        assertThat(choice.primary().relayId()).isEqualTo(relays.get(2).nodeId());
        assertThat(choice.secondary().orElseThrow().relayId()).isEqualTo(relays.get(1).nodeId());
        // the first choice fails mid-call: the second becomes first until the back-off ends
        selector.failed(h.net.now(), relays.get(2).nodeId());
        assertThat(selector.choose(h.net.now()).orElseThrow().primary().relayId()).isEqualTo(relays.get(1).nodeId());
        assertThat(selector.choose(h.net.now() + 60_000).orElseThrow().primary().relayId()).isEqualTo(relays.get(2).nodeId());

        // withdrawn adverts disappear
        h.await(directories.get(0).withdraw(relays.get(0).nodeId()));
        assertThat(h.await(reader.find(h.net.now(), "eu", 600_000))).extracting(RelayAdvert::relayId)
                .doesNotContain(relays.get(0).nodeId()).hasSize(4);
    }

    @Test
    void anAdvertPublishedUnderAnotherOwnerOrTooOldIsIgnored() {
        NodeKeyPair relay = NodeKeyPair.generate(h.net.newRandom());
        NodeKeyPair other = NodeKeyPair.generate(h.net.newRandom());
        // "other" re-publishes relay's genuine advert as its own map value (a copy it could replay)
        byte[] genuine = AdvertCodec.encode(AdvertCodec.sign(new RelayAdvert(OwnerKey.of(relay), new InetSocketAddress("192.0.2.50", 3478),
                false, 10, 1_000_000, 0, "asia", h.net.now()), relay));
        var dir = new AdvertDirectory(h.map(3, relay), 1, Duration.ofMinutes(5));
        SignedDhtMap otherMap = h.map(4, other);
        h.await(otherMap.add(AdvertDirectory.key("asia", dir.bucketOf(relay.nodeId())), genuine));
        var reader = new AdvertDirectory(h.map(5, NodeKeyPair.generate(h.net.newRandom())), 1, Duration.ofMinutes(5));
        assertThat(h.await(reader.find(h.net.now(), "asia", 600_000))).isEmpty(); // a valid advert, but the map value's owner is not the relay
        h.await(dir.publish(AdvertCodec.sign(new RelayAdvert(OwnerKey.of(relay), new InetSocketAddress("192.0.2.50", 3478), false, 10,
                1_000_000, 0, "asia", h.net.now() - 700_000), relay)));
        assertThat(h.await(reader.find(h.net.now(), "asia", 600_000))).isEmpty(); // too old
        assertThat(h.await(reader.find(h.net.now(), "asia", 800_000))).hasSize(1);
    }
}
