package io.peerdial.location.overlay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.map.DhtMap;
import io.peerdial.location.map.MapValue;
import io.peerdial.location.map.SignedDhtMap;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DHT map on 150 real overlay nodes with BindingStoragePolicy. */
class DhtMapOverlayTest {

    private static LocationHarness h;

    @BeforeAll
    static void overlay() {
        h = new LocationHarness(31).growTo(150, 20);
    }

    private static List<String> strings(List<byte[]> values) {
        return values.stream().map(v -> new String(v, UTF_8)).sorted().toList();
    }

    @Test
    void addGetRemoveRoundTrip() {
        var alice = new SignedDhtMap(h.randomLive().access(), NodeKeyPair.generate(h.net.newRandom()), Duration.ofMinutes(10));
        var reader = new SignedDhtMap(h.randomLive().access(), NodeKeyPair.generate(h.net.newRandom()), Duration.ofMinutes(10));
        NodeId room = DhtMap.key("room:round-trip");

        h.await(alice.add(room, "one".getBytes(UTF_8)));
        h.await(alice.add(room, "two".getBytes(UTF_8)));
        h.await(alice.add(room, "two".getBytes(UTF_8))); // set semantics: still one "two"
        assertThat(strings(h.await(reader.get(room)))).containsExactly("one", "two");

        h.await(alice.remove(room, "one".getBytes(UTF_8)));
        assertThat(strings(h.await(reader.get(room)))).containsExactly("two");
        assertThat(h.holders(room)).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void getOfOneOwnerFiltersOthersOut() {
        var alice = new SignedDhtMap(h.randomLive().access(), NodeKeyPair.generate(h.net.newRandom()), Duration.ofMinutes(10));
        var bob = new SignedDhtMap(h.randomLive().access(), NodeKeyPair.generate(h.net.newRandom()), Duration.ofMinutes(10));
        NodeId topic = DhtMap.key("topic:filter");
        h.await(alice.add(topic, "from alice".getBytes(UTF_8)));
        h.await(bob.add(topic, "from bob".getBytes(UTF_8)));

        assertThat(strings(h.await(bob.get(topic)))).containsExactly("from alice", "from bob");
        assertThat(strings(h.await(bob.get(topic, alice.owner())))).containsExactly("from alice");
        assertThat(strings(h.await(alice.get(topic, bob.owner())))).containsExactly("from bob");
        List<MapValue> entries = h.await(alice.entries(topic));
        assertThat(entries).extracting(MapValue::owner).containsExactlyInAnyOrder(alice.owner(), bob.owner());
        assertThat(entries).allSatisfy(e -> assertThat(e.expiresAt()).isEqualTo(e.seq() + Duration.ofMinutes(10).toMillis()));
    }

    @Test
    void republishKeepsValuesBeyondTheirLifetimeAndRemovalStopsIt() {
        var owner = new SignedDhtMap(h.randomLive().access(), NodeKeyPair.generate(h.net.newRandom()), Duration.ofMinutes(5));
        var reader = new SignedDhtMap(h.randomLive().access(), NodeKeyPair.generate(h.net.newRandom()), Duration.ofMinutes(5));
        NodeId key = DhtMap.key("presence");
        h.await(owner.add(key, "here".getBytes(UTF_8)));
        h.net.runFor(Duration.ofMinutes(16).toMillis()); // > 3 lifetimes
        List<MapValue> seen = h.await(reader.entries(key));
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).expiresAt()).isGreaterThan(h.net.now());

        h.await(owner.remove(key, "here".getBytes(UTF_8)));
        h.net.runFor(Duration.ofMinutes(6).toMillis());
        assertThat(h.await(reader.get(key))).isEmpty();
    }

    @Test
    void misuseIsRefusedAtOnce() {
        var map = new SignedDhtMap(h.randomLive().access(), NodeKeyPair.generate(h.net.newRandom()), Duration.ofMinutes(5));
        assertThatThrownBy(() -> map.add(DhtMap.key("x"), new byte[DhtMap.MAX_VALUE_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 800");
        assertThatThrownBy(() -> map.add(DhtMap.key("x"), new byte[1], Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> new SignedDhtMap(h.randomLive().access(), NodeKeyPair.generate(h.net.newRandom()), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
