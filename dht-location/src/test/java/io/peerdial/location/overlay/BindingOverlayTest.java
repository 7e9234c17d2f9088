package io.peerdial.location.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.Fixtures;
import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.Binding;
import io.peerdial.location.binding.BindingContact;
import io.peerdial.location.binding.BindingContact.Transport;
import io.peerdial.location.binding.Reachability;
import io.peerdial.location.entry.EntryCodec;
import io.peerdial.location.map.EntryPublisher;
import io.peerdial.location.map.PublishResult;
import io.peerdial.location.read.VerifiedBinding;
import io.peerdial.location.service.BindingPublisher;
import io.peerdial.location.service.Location;
import io.peerdial.location.trust.PinSet;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.location.trust.TrustLevel;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.storage.StoreStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bindings published, refreshed, replaced, removed and read on 200 real overlay nodes. */
class BindingOverlayTest {

    private static final Duration TTL = Duration.ofMinutes(10);

    private static LocationHarness overlay(long seed) {
        return new LocationHarness(seed).growTo(200, 20);
    }

    private static BindingPublisher publisher(LocationHarness.Member m) {
        return new BindingPublisher(new EntryPublisher(m.access()));
    }

    private static Location reader(LocationHarness.Member m) {
        return new Location(m.access(), TrustAnchors.none(), new PinSet(), null);
    }

    private static Binding binding(Aor aor, NodeId device, int port) {
        return new Binding(aor, device, Reachability.PUBLIC, 0, List.of(BindingContact.direct(Transport.UDP, Fixtures.ip("192.0.2.1"), port)));
    }

    @Test
    void twoDevicesOfOneUserAreBothVisibleAndTheFirstOwnerIsPinned() {
        LocationHarness h = overlay(41);
        NodeKeyPair user = NodeKeyPair.generate(h.net.newRandom());
        Aor aor = Aor.parse("sip:alice@example.org");
        var phone = h.randomLive();
        var laptop = h.randomLive();
        h.await(publisher(phone).publish(user, binding(aor, phone.id(), 5060), TTL, new byte[0]));
        h.await(publisher(laptop).publish(user, binding(aor, laptop.id(), 5062), TTL, new byte[0]));

        PinSet pins = new PinSet();
        Location location = new Location(h.randomLive().access(), TrustAnchors.none(), pins, null);
        List<VerifiedBinding> found = h.await(location.lookup(aor));
        assertThat(found).extracting(b -> b.binding().device()).containsExactlyInAnyOrder(phone.id(), laptop.id());
        assertThat(found).extracting(VerifiedBinding::trust).containsOnly(TrustLevel.UNPINNED);
        assertThat(pins.pinned(aor)).contains(io.peerdial.location.entry.OwnerKey.of(user));
        assertThat(h.await(location.lookup(aor))).extracting(VerifiedBinding::trust).containsOnly(TrustLevel.PINNED);

        // another key publishing under the pinned AOR is refused by this reader
        NodeKeyPair mallory = NodeKeyPair.generate(h.net.newRandom());
        var evil = h.randomLive();
        h.await(publisher(evil).publish(mallory, binding(aor, evil.id(), 6000), TTL, new byte[0]));
        Location.Found after = h.await(location.find(aor));
        assertThat(after.bindings()).extracting(b -> b.binding().device()).containsExactlyInAnyOrder(phone.id(), laptop.id());
        assertThat(after.result().untrusted()).containsEntry(TrustLevel.PIN_MISMATCH, 1);
    }

    @Test
    void aNewerSeqReplacesAnOlderOneAcrossHoldersAndATombstoneHides() {
        LocationHarness h = overlay(43);
        NodeKeyPair user = NodeKeyPair.generate(h.net.newRandom());
        Aor aor = Aor.selfCertifying("bob", io.peerdial.location.entry.OwnerKey.of(user));
        var device = h.randomLive();
        BindingPublisher bindings = publisher(device);
        PublishResult v1 = h.await(bindings.publish(user, binding(aor, device.id(), 1111), TTL, new byte[0]));

        // five holders miss the update: they keep v1
        List<LocationHarness.Member> stale = h.holders(aor.dhtKey()).subList(0, 5);
        stale.forEach(m -> h.net.kill(m.handle()));
        h.net.runFor(1_000);
        PublishResult v2 = h.await(bindings.publish(user, binding(aor, device.id(), 2222), TTL, new byte[0]));
        stale.forEach(m -> h.net.revive(m.handle()));
        assertThat(Long.compareUnsigned(v2.entry().content().seq(), v1.entry().content().seq())).isPositive();
        assertThat(stale).allSatisfy(m -> assertThat(m.storage().get(h.net.now(), aor.dhtKey()))
                .anySatisfy(b -> assertThat(b).isEqualTo(EntryCodec.encode(v1.entry()))));

        Location location = reader(h.randomLive());
        Location.Found found = h.await(location.find(aor));
        assertThat(found.bindings()).singleElement().satisfies(b -> {
            assertThat(b.binding().contacts().get(0).port()).isEqualTo(2222);
            assertThat(b.trust()).isEqualTo(TrustLevel.SELF_CERTIFIED);
        });
        assertThat(found.result().superseded()).isPositive();

        // a tombstone while the same five are away: their v2... still v1, and the tombstone wins the merge
        stale.forEach(m -> h.net.kill(m.handle()));
        h.net.runFor(1_000);
        h.await(bindings.unpublish(user, aor, device.id()));
        stale.forEach(m -> h.net.revive(m.handle()));
        Location.Found gone = h.await(location.find(aor));
        assertThat(gone.bindings()).isEmpty();
        assertThat(gone.result().removed()).isEqualTo(1);
        h.net.runFor(TTL.toMillis()); // unpublished: no refresh brings it back
        assertThat(h.await(location.lookup(aor))).isEmpty();
    }

    @Test
    void survivesTheSilentDepartureOfNineteenOfTwentyHolders() {
        LocationHarness h = overlay(47);
        NodeKeyPair user = NodeKeyPair.generate(h.net.newRandom());
        Aor aor = Aor.parse("sip:carol@example.net");
        var device = h.randomLive();
        h.await(publisher(device).publish(user, binding(aor, device.id(), 5060), TTL, new byte[0]));
        List<LocationHarness.Member> holders = h.holders(aor.dhtKey());
        assertThat(holders).hasSizeGreaterThanOrEqualTo(20);
        holders.stream().filter(m -> m != device).limit(19).forEach(m -> h.net.kill(m.handle()));

        LocationHarness.Member readerNode;
        do {
            readerNode = h.randomLive();
        } while (readerNode == device || !readerNode.storage().get(h.net.now(), aor.dhtKey()).isEmpty());
        assertThat(h.await(reader(readerNode).lookup(aor))).singleElement()
                .satisfies(b -> assertThat(b.binding().device()).isEqualTo(device.id()));
    }

    @Test
    void aHolderReturningTamperedEntriesIsIgnored() {
        LocationHarness h = overlay(53);
        NodeKeyPair user = NodeKeyPair.generate(h.net.newRandom());
        Aor aor = Aor.parse("sip:dave@example.com");
        var device = h.randomLive();
        PublishResult published = h.await(publisher(device).publish(user, binding(aor, device.id(), 5060), TTL, new byte[0]));
        byte[] encoded = EntryCodec.encode(published.entry());
        byte[] signature = Arrays.copyOfRange(encoded, encoded.length - 64, encoded.length);
        // the three closest holders flip a bit of the signature in every answer carrying the entry
        var bad = h.holders(aor.dhtKey()).subList(0, 3).stream().map(m -> m.handle().address()).toList();
        int[] tampered = {0};
        h.net.setInterceptor((now, from, to, payload) -> {
            if (!bad.contains(from)) return payload;
            int at = indexOf(payload, signature);
            if (at >= 0) {
                payload[at + 10] ^= 0x01;
                tampered[0]++;
            }
            return payload;
        });

        Location.Found found = h.await(reader(h.randomLive()).find(aor));
        assertThat(tampered[0]).as("VALUES answers tampered").isPositive();
        assertThat(found.result().invalid()).containsKey(StoreStatus.BAD_SIGNATURE);
        assertThat(found.bindings()).singleElement().satisfies(b -> assertThat(b.seq()).isEqualTo(published.entry().content().seq()));
    }

    @Test
    void republishKeepsABindingAliveForThreeLifetimes() {
        LocationHarness h = overlay(59);
        NodeKeyPair user = NodeKeyPair.generate(h.net.newRandom());
        Aor aor = Aor.parse("sip:erin@example.org");
        var device = h.randomLive();
        BindingPublisher bindings = publisher(device);
        Duration ttl = Duration.ofMinutes(5);
        PublishResult first = h.await(bindings.publish(user, binding(aor, device.id(), 5060), ttl, new byte[0]));
        long start = h.net.now();
        Location location = reader(h.randomLive());
        for (int lifetime = 1; lifetime <= 3; lifetime++) {
            h.net.runUntil(start + lifetime * ttl.toMillis() + 1);
            List<VerifiedBinding> found = h.await(location.lookup(aor));
            assertThat(found).as("after %d lifetimes", lifetime).singleElement().satisfies(b -> {
                assertThat(b.expiresAt()).isGreaterThan(h.net.now());
                assertThat(Long.compareUnsigned(b.seq(), first.entry().content().seq())).isPositive();
            });
        }
        assertThat(bindings.entries().refreshCount()).isGreaterThanOrEqualTo(3);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
