package io.peerdial.location.read;

import static io.peerdial.location.Fixtures.HOUR;
import static io.peerdial.location.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.Fixtures;
import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.BindingEntries;
import io.peerdial.location.entry.EntryCodec;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.storage.BindingStoragePolicy;
import io.peerdial.location.trust.DomainAuthority;
import io.peerdial.location.trust.PinSet;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.location.trust.TrustLevel;
import io.peerdial.location.trust.TrustPolicy;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.storage.StoreStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BindingReaderTest {

    private final NodeKeyPair alice = Fixtures.key(1);
    private final NodeKeyPair mallory = Fixtures.key(2);
    private final Aor aor = Aor.parse("alice@example.org");
    private final NodeId phone = NodeId.sha256Prefix(new byte[] {1});
    private final NodeId laptop = NodeId.sha256Prefix(new byte[] {2});
    private final PinSet pins = new PinSet();
    private final BindingReader reader = new BindingReader(new TrustPolicy(TrustAnchors.none(), pins));

    private byte[] binding(NodeKeyPair owner, NodeId device, long seq) {
        return EntryCodec.encode(BindingEntries.sign(owner, Fixtures.binding(aor, device), seq, T0, T0 + HOUR));
    }

    @Test
    void mergesHoldersHighestSeqWins() {
        List<byte[]> holderA = List.of(binding(alice, phone, 1), binding(alice, laptop, 7));
        List<byte[]> holderB = List.of(binding(alice, phone, 3), binding(alice, laptop, 7));
        List<byte[]> all = new ArrayList<>(holderA);
        all.addAll(holderB);
        LookupResult r = reader.read(T0, aor, all);
        assertThat(r.bindings()).extracting(VerifiedBinding::seq).containsExactlyInAnyOrder(3L, 7L);
        assertThat(r.bindings()).extracting(b -> b.binding().device()).containsExactlyInAnyOrder(phone, laptop);
        assertThat(r.superseded()).isEqualTo(2);
        assertThat(r.bindings()).allSatisfy(b -> assertThat(b.trust()).isEqualTo(TrustLevel.UNPINNED));
    }

    @Test
    void holderReturningTamperedEntriesIsIgnored() {
        byte[] honest = binding(alice, phone, 1);
        byte[] tampered = binding(alice, phone, 2);
        tampered[tampered.length - 70] ^= 0x10; // inside the payload: a contact port
        byte[] truncated = java.util.Arrays.copyOf(binding(alice, laptop, 1), 50);
        byte[] expired = EntryCodec.encode(BindingEntries.sign(alice, Fixtures.binding(aor, laptop), 2, T0 - 2 * HOUR, T0 - HOUR));
        byte[] otherKey = binding(alice, phone, 9);
        Aor bob = Aor.parse("bob@example.org");
        byte[] bobs = EntryCodec.encode(BindingEntries.sign(alice, Fixtures.binding(bob, phone), 9, T0, T0 + HOUR));
        LookupResult r = reader.read(T0, aor, List.of(honest, tampered, truncated, expired, bobs));
        assertThat(r.bindings()).singleElement().satisfies(b -> assertThat(b.seq()).isEqualTo(1));
        assertThat(r.invalid()).containsEntry(StoreStatus.BAD_SIGNATURE, 1).containsEntry(StoreStatus.MALFORMED, 1)
                .containsEntry(StoreStatus.EXPIRED, 1).containsEntry(StoreStatus.WRONG_KEY, 1);
        assertThat(r.invalidCount()).isEqualTo(4);
        assertThat(otherKey).isNotEmpty();
    }

    @Test
    void tombstoneHidesOlderCopiesHeldElsewhere() {
        byte[] old = binding(alice, phone, 1);
        byte[] tomb = EntryCodec.encode(BindingEntries.tombstone(alice, aor, phone, 2, T0, T0 + HOUR, new byte[0]));
        LookupResult r = reader.read(T0, aor, List.of(old, tomb, old));
        assertThat(r.bindings()).isEmpty();
        assertThat(r.removed()).isEqualTo(1);
        // a storing node that kept the tombstone hands it out with the live bindings
        var policy = new BindingStoragePolicy();
        assertThat(policy.store(T0, aor.dhtKey(), old).stored()).isTrue();
        assertThat(policy.store(T0, aor.dhtKey(), tomb).stored()).isTrue();
        assertThat(policy.get(T0, aor.dhtKey())).containsExactly(tomb);
    }

    @Test
    void ownerFilterAndPins() {
        byte[] a = binding(alice, phone, 1);
        byte[] m = binding(mallory, laptop, 1);
        assertThat(reader.read(T0, aor, List.of(a, m), OwnerKey.of(alice)).bindings())
                .singleElement().satisfies(b -> assertThat(b.owner()).isEqualTo(OwnerKey.of(alice)));
        pins.pin(aor, OwnerKey.of(alice));
        LookupResult r = reader.read(T0, aor, List.of(a, m));
        assertThat(r.bindings()).singleElement().satisfies(b -> assertThat(b.trust()).isEqualTo(TrustLevel.PINNED));
        assertThat(r.untrusted()).containsEntry(TrustLevel.PIN_MISMATCH, 1);
        var warnOnly = new BindingReader(new TrustPolicy(TrustAnchors.none(), pins, false));
        assertThat(warnOnly.read(T0, aor, List.of(a, m)).bindings()).extracting(VerifiedBinding::trust)
                .containsExactlyInAnyOrder(TrustLevel.PINNED, TrustLevel.PIN_MISMATCH);
    }

    @Test
    void selfCertifiedAndDomainVerdicts() {
        Aor self = Aor.selfCertifying("alice", OwnerKey.of(alice));
        byte[] own = EntryCodec.encode(BindingEntries.sign(alice, Fixtures.binding(self, phone), 1, T0, T0 + HOUR));
        byte[] foreign = EntryCodec.encode(BindingEntries.sign(mallory, Fixtures.binding(self, laptop), 1, T0, T0 + HOUR));
        LookupResult r = reader.read(T0, self, List.of(own, foreign));
        assertThat(r.bindings()).singleElement().satisfies(b -> assertThat(b.trust()).isEqualTo(TrustLevel.SELF_CERTIFIED));
        assertThat(r.invalid()).containsEntry(StoreStatus.UNTRUSTED_OWNER, 1);

        DomainAuthority ca = DomainAuthority.create("example.org", new SplittableRandom(1));
        byte[] cert = ca.certify(OwnerKey.of(alice), T0, T0 + HOUR).encode();
        byte[] certified = EntryCodec.encode(BindingEntries.sign(alice, Fixtures.binding(aor, phone), 1, T0, T0 + HOUR, cert));
        var anchored = new BindingReader(new TrustPolicy(TrustAnchors.of("example.org", ca.anchor()), pins));
        LookupResult d = anchored.read(T0, aor, List.of(certified, binding(mallory, laptop, 1)));
        assertThat(d.bindings()).singleElement().satisfies(b -> assertThat(b.trust()).isEqualTo(TrustLevel.DOMAIN));
        assertThat(d.untrusted()).containsEntry(TrustLevel.UNTRUSTED_DOMAIN, 1);
        assertThat(anchored.read(T0 + HOUR - 1, aor, List.of(certified)).bindings()).hasSize(1);
    }
}
