package io.peerdial.p2p.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.peerdial.location.map.MapValue;
import io.peerdial.location.map.SignedDhtMap;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.p2p.base.P2PException;
import io.peerdial.p2p.base.P2PException.Reason;
import io.peerdial.p2p.testing.FakeOverlay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The data entry point over the real signed map on the in-memory overlay: every method, TTL, owners, errors. */
class P2PMapTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    private final SplittableRandom random = new SplittableRandom(3);
    private final FakeOverlay overlay = new FakeOverlay(random);
    private final P2PMap alice;
    private final P2PMap bob;
    private final NodeId room = P2PMap.key("room:1");

    P2PMapTest() {
        overlay.addNode();
        alice = new P2PMap(new SignedDhtMap(overlay.access(), NodeKeyPair.generate(random), Duration.ofMinutes(10)));
        bob = new P2PMap(new SignedDhtMap(overlay.access(), NodeKeyPair.generate(random), Duration.ofMinutes(10)));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> strings(List<byte[]> values) {
        return values.stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void addThenGetSeesEveryOwnersValuesAndGetOwnerOnlyOnes() {
        alice.add(room, b("a1"), WAIT);
        alice.add(room, b("a2"), WAIT);
        bob.add(room, b("b1"), WAIT);

        assertThat(strings(alice.get(room, WAIT))).containsExactlyInAnyOrder("a1", "a2", "b1");
        assertThat(strings(bob.get(room, alice.owner(), WAIT))).containsExactlyInAnyOrder("a1", "a2");
        assertThat(strings(alice.get(room, bob.owner(), WAIT))).containsExactly("b1");
        assertThat(alice.get(P2PMap.key("room:2"), WAIT)).isEmpty();
    }

    @Test
    void addingAValueTwiceIsOneValue() {
        alice.add(room, b("same"), WAIT);
        alice.add(room, b("same"), WAIT);

        assertThat(alice.get(room, WAIT)).hasSize(1);
    }

    @Test
    void removeHidesTheValueFromEveryReader() {
        alice.add(room, b("gone"), WAIT);
        alice.add(room, b("kept"), WAIT);

        alice.remove(room, b("gone"), WAIT);

        assertThat(strings(bob.get(room, WAIT))).containsExactly("kept");
    }

    @Test
    void aValueLivesItsTtlAndIsRepublishedUntilRemoved() {
        alice.add(room, b("short"), Duration.ofMinutes(1), WAIT);
        alice.add(room, b("default"), WAIT);

        overlay.advance(Duration.ofMinutes(30).toMillis());

        assertThat(strings(bob.get(room, WAIT))).containsExactlyInAnyOrder("short", "default"); // refreshed by alice's map
        List<MapValue> entries = bob.entries(room, WAIT);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.owner()).isEqualTo(alice.owner());
            assertThat(e.expiresAt()).isGreaterThan(overlay.now());
        });
        assertThat(alice.defaultTtl()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aValueWhoseOwnerStoppedExpiresAfterItsTtl() {
        P2PMap stopped = new P2PMap(new SignedDhtMap(overlay.accessWithoutTimers(), NodeKeyPair.generate(random), Duration.ofMinutes(10)));
        stopped.add(room, b("ephemeral"), Duration.ofMinutes(1), WAIT);
        assertThat(alice.get(room, WAIT)).hasSize(1);

        overlay.advance(Duration.ofSeconds(61).toMillis());

        assertThat(alice.get(room, WAIT)).isEmpty();
    }

    @Test
    void asyncVariantsCompleteWithTheSameResults() {
        alice.addAsync(room, b("x")).join();
        alice.addAsync(room, b("y"), Duration.ofMinutes(5)).join();

        assertThat(strings(bob.getAsync(room).join())).containsExactlyInAnyOrder("x", "y");
        assertThat(strings(bob.getAsync(room, alice.owner()).join())).containsExactlyInAnyOrder("x", "y");
        assertThat(bob.entriesAsync(room).join()).hasSize(2);
        alice.removeAsync(room, b("x")).join();
        assertThat(strings(bob.getAsync(room).join())).containsExactly("y");
    }

    @Test
    void aWriteNoHolderStoredFailsWithNotStored() {
        overlay.refuseStores(true);

        Throwable blocking = catchThrowable(() -> alice.add(room, b("x"), WAIT));
        Throwable async = catchThrowable(() -> alice.removeAsync(room, b("x")).join());

        assertThat(blocking).isInstanceOfSatisfying(P2PException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_STORED));
        assertThat(async).isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(P2PException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_STORED));
    }

    @Test
    void misuseIsAnIllegalArgument() {
        assertThatThrownBy(() -> alice.add(room, new byte[P2PMap.MAX_VALUE_BYTES + 1], WAIT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alice.add(room, b("x"), P2PMap.MAX_TTL.plusSeconds(1), WAIT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alice.get(room, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alice.get(room, null, WAIT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> P2PMap.key(null)).isInstanceOf(NullPointerException.class);
        assertThat(P2PMap.key("room:1")).isEqualTo(room);
    }
}
