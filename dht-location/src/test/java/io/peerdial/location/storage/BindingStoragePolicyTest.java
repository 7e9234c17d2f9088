package io.peerdial.location.storage;

import static io.peerdial.location.Fixtures.HOUR;
import static io.peerdial.location.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.Fixtures;
import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.Binding;
import io.peerdial.location.binding.BindingEntries;
import io.peerdial.location.entry.EntryCodec;
import io.peerdial.location.entry.EntryContent;
import io.peerdial.location.entry.EntryKind;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.entry.SignedEntry;
import io.peerdial.overlay.limit.SourceRateLimiter;
import io.peerdial.location.trust.DomainAuthority;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.storage.StoreOutcome;
import io.peerdial.overlay.storage.StoreStatus;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The storing node's rules, one test per attack of the issue. */
class BindingStoragePolicyTest {

    private final NodeKeyPair alice = Fixtures.key(1);
    private final NodeKeyPair mallory = Fixtures.key(2);
    private final Aor human = Aor.parse("sip:alice@example.org");
    private final NodeId phone = NodeId.sha256Prefix(new byte[] {1});
    private final BindingStoragePolicy policy = new BindingStoragePolicy();

    private byte[] binding(NodeKeyPair owner, Aor aor, long seq, long issuedAt, long expiresAt) {
        return EntryCodec.encode(BindingEntries.sign(owner, Fixtures.binding(aor, phone), seq, issuedAt, expiresAt));
    }

    private byte[] binding(NodeKeyPair owner, long seq) {
        return binding(owner, human, seq, T0, T0 + HOUR);
    }

    private StoreOutcome store(byte[] value) {
        return policy.store(T0, human.dhtKey(), value);
    }

    @Test
    void storesAValidBindingAndHandsItOut() {
        byte[] v = binding(alice, 1);
        assertThat(store(v).stored()).isTrue();
        assertThat(policy.get(T0, human.dhtKey())).containsExactly(v);
        assertThat(policy.keys()).containsExactly(human.dhtKey());
        assertThat(policy.valueCount()).isEqualTo(1);
        assertThat(policy.totalBytes()).isEqualTo(v.length);
    }

    @Test
    void forgedSignatureIsRefused() {
        byte[] v = binding(alice, 1);
        v[v.length - 1] ^= 1;
        assertThat(store(v).status()).isEqualTo(StoreStatus.BAD_SIGNATURE);
        // Mallory rewrites Alice's entry content but cannot sign as Alice
        SignedEntry real = BindingEntries.sign(alice, Fixtures.binding(human, phone), 5, T0, T0 + HOUR);
        var c = real.content();
        var forged = new SignedEntry(new EntryContent(c.kind(), c.key(), c.owner(), c.slot(), 6, c.issuedAt(), c.expiresAt(),
                c.tombstone(), c.payload(), c.certificate()), mallory.sign(EntryCodec.encodeContent(c)));
        StoreOutcome o = store(EntryCodec.encode(forged));
        assertThat(o.status()).isEqualTo(StoreStatus.BAD_SIGNATURE);
        assertThat(o.detail()).contains(OwnerKey.of(alice).fingerprint());
        assertThat(policy.valueCount()).isZero();
    }

    @Test
    void anotherOwnerGetsItsOwnSlotAndCannotTouchTheFirstOwners() {
        byte[] a = binding(alice, 1);
        byte[] m = binding(mallory, 99);
        assertThat(store(a).stored()).isTrue();
        assertThat(store(m).stored()).isTrue();
        assertThat(policy.get(T0, human.dhtKey())).containsExactly(a, m);
        byte[] mTomb = EntryCodec.encode(BindingEntries.tombstone(mallory, human, phone, 100, T0, T0 + HOUR, new byte[0]));
        assertThat(store(mTomb).stored()).isTrue();
        assertThat(policy.get(T0, human.dhtKey())).containsExactly(a, mTomb); // Alice's binding untouched
    }

    @Test
    void anotherOwnerUnderASelfCertifyingAorIsRefused() {
        Aor self = Aor.selfCertifying("alice", OwnerKey.of(alice));
        assertThat(policy.store(T0, self.dhtKey(), binding(alice, self, 1, T0, T0 + HOUR)).stored()).isTrue();
        StoreOutcome o = policy.store(T0, self.dhtKey(), binding(mallory, self, 2, T0, T0 + HOUR));
        assertThat(o.status()).isEqualTo(StoreStatus.UNTRUSTED_OWNER);
        assertThat(o.detail()).contains("self-certifying");
        byte[] tomb = EntryCodec.encode(BindingEntries.tombstone(mallory, self, phone, 3, T0, T0 + HOUR, new byte[0]));
        assertThat(policy.store(T0, self.dhtKey(), tomb).status()).isEqualTo(StoreStatus.UNTRUSTED_OWNER);
        assertThat(policy.valueCount()).isEqualTo(1);
    }

    @Test
    void replayOfAnOlderSeqIsStale() {
        byte[] v1 = binding(alice, 1);
        byte[] v2 = binding(alice, 2);
        assertThat(store(v2).stored()).isTrue();
        StoreOutcome o = store(v1);
        assertThat(o.status()).isEqualTo(StoreStatus.STALE_SEQ);
        assertThat(o.detail()).contains("seq 1 not above stored seq 2");
        byte[] sameSeqOtherContent = binding(alice, human, 2, T0 + 1, T0 + HOUR);
        assertThat(store(sameSeqOtherContent).status()).isEqualTo(StoreStatus.STALE_SEQ);
        assertThat(policy.get(T0, human.dhtKey())).containsExactly(v2);
    }

    @Test
    void seqIsUnsigned() {
        assertThat(store(binding(alice, Long.MAX_VALUE)).stored()).isTrue();
        assertThat(store(binding(alice, Long.MIN_VALUE)).stored()).as("2^63 > 2^63-1 unsigned").isTrue();
        assertThat(store(binding(alice, 5)).status()).isEqualTo(StoreStatus.STALE_SEQ);
    }

    @Test
    void idempotentReStoreIsStoredOnce() {
        byte[] v = binding(alice, 1);
        assertThat(store(v).stored()).isTrue();
        assertThat(store(v.clone()).stored()).isTrue();
        assertThat(policy.valueCount()).isEqualTo(1);
        assertThat(policy.totalBytes()).isEqualTo(v.length);
    }

    @Test
    void expiredRecordIsRefusedAndDroppedOnExpiry() {
        assertThat(policy.store(T0 + HOUR, human.dhtKey(), binding(alice, 1)).status()).isEqualTo(StoreStatus.EXPIRED);
        byte[] v = binding(alice, human, 2, T0, T0 + 1000);
        assertThat(store(v).stored()).isTrue();
        assertThat(policy.get(T0 + 1000, human.dhtKey())).isEmpty();
        policy.expire(T0 + 999);
        assertThat(policy.valueCount()).isEqualTo(1);
        policy.expire(T0 + 1000);
        assertThat(policy.valueCount()).isZero();
        assertThat(policy.totalBytes()).isZero();
        assertThat(policy.keys()).isEmpty();
    }

    @Test
    void lifetimeOverTheCapAndFutureIssueAreRefused() {
        StoreOutcome o = store(binding(alice, human, 1, T0, T0 + HOUR + 1));
        assertThat(o.status()).isEqualTo(StoreStatus.LIFETIME_TOO_LONG);
        assertThat(o.detail()).contains("3600001");
        var longer = new BindingStoragePolicy(new StorageLimits(2 * HOUR, 60_000, 8, 1 << 20), TrustAnchors.none(), null);
        assertThat(longer.store(T0, human.dhtKey(), binding(alice, human, 1, T0, T0 + HOUR + 1)).stored()).isTrue();
        assertThat(store(binding(alice, human, 2, T0 + 5 * 60_000 + 1, T0 + HOUR)).status()).isEqualTo(StoreStatus.NOT_ACCEPTED);
        assertThat(store(binding(alice, human, 3, T0 + 5 * 60_000, T0 + HOUR)).stored()).isTrue();
    }

    @Test
    void oversizedAndTruncatedRecordsAreRefused() {
        assertThat(store(new byte[1001]).status()).isEqualTo(StoreStatus.TOO_LARGE);
        byte[] v = binding(alice, 1);
        StoreOutcome o = store(Arrays.copyOf(v, v.length - 1));
        assertThat(o.status()).isEqualTo(StoreStatus.MALFORMED);
        assertThat(o.detail()).contains("TRUNCATED");
    }

    @Test
    void keyAorMismatchIsRefused() {
        byte[] v = binding(alice, 1);
        NodeId other = Aor.parse("sip:bob@example.org").dhtKey();
        assertThat(policy.store(T0, other, v).status()).isEqualTo(StoreStatus.WRONG_KEY);
        // the entry names the other key too, but its AOR still hashes elsewhere
        SignedEntry real = BindingEntries.sign(alice, Fixtures.binding(human, phone), 1, T0, T0 + HOUR);
        var c = real.content();
        var moved = SignedEntry.sign(alice, new EntryContent(c.kind(), other, c.owner(), c.slot(), 1, T0, T0 + HOUR, false, c.payload(), c.certificate()));
        StoreOutcome o = policy.store(T0, other, EntryCodec.encode(moved));
        assertThat(o.status()).isEqualTo(StoreStatus.WRONG_KEY);
        assertThat(o.detail()).contains("is not the key of sip:alice@example.org");
    }

    @Test
    void slotMustBeTheDevice() {
        SignedEntry real = BindingEntries.sign(alice, Fixtures.binding(human, phone), 1, T0, T0 + HOUR);
        var c = real.content();
        var wrongSlot = SignedEntry.sign(alice, new EntryContent(c.kind(), c.key(), c.owner(), NodeId.sha256Prefix(new byte[] {9}),
                1, T0, T0 + HOUR, false, c.payload(), c.certificate()));
        assertThat(store(EntryCodec.encode(wrongSlot)).status()).isEqualTo(StoreStatus.MALFORMED);
    }

    @Test
    void tombstoneRemovesAndAStaleReStoreCannotResurrect() {
        byte[] v1 = binding(alice, 1);
        assertThat(store(v1).stored()).isTrue();
        byte[] tomb = EntryCodec.encode(BindingEntries.tombstone(alice, human, phone, 2, T0, T0 + HOUR, new byte[0]));
        assertThat(store(tomb).stored()).isTrue();
        assertThat(policy.get(T0, human.dhtKey())).containsExactly(tomb);
        assertThat(store(v1).status()).isEqualTo(StoreStatus.STALE_SEQ);
        assertThat(store(binding(alice, 3)).stored()).isTrue(); // the owner can publish again
    }

    @Test
    void entriesPerKeyAndTotalBytesAreLimited() {
        var small = new BindingStoragePolicy(new StorageLimits(HOUR, 0, 2, 10_000), TrustAnchors.none(), null);
        for (int k = 1; k <= 2; k++) assertThat(small.store(T0, human.dhtKey(), binding(Fixtures.key(k), 1)).stored()).isTrue();
        StoreOutcome full = small.store(T0, human.dhtKey(), binding(Fixtures.key(3), 1));
        assertThat(full.status()).isEqualTo(StoreStatus.KEY_FULL);
        assertThat(small.store(T0, human.dhtKey(), binding(Fixtures.key(1), 2)).stored()).as("updates still fit").isTrue();

        byte[] one = binding(alice, 1);
        var tiny = new BindingStoragePolicy(new StorageLimits(HOUR, 0, 64, one.length + 1), TrustAnchors.none(), null);
        assertThat(tiny.store(T0, human.dhtKey(), one).stored()).isTrue();
        assertThat(tiny.store(T0, human.dhtKey(), binding(mallory, 1)).status()).isEqualTo(StoreStatus.STORAGE_FULL);
    }

    @Test
    void floodFromOneSourceIsRateLimitedOthersAreNot() {
        var limited = new BindingStoragePolicy(StorageLimits.DEFAULT, TrustAnchors.none(), new SourceRateLimiter(10, 5, 1024, 1));
        var flooder = new InetSocketAddress(Fixtures.ip("203.0.113.66"), 4000);
        var honest = new InetSocketAddress(Fixtures.ip("203.0.113.1"), 4000);
        int stored = 0;
        int refused = 0;
        for (int i = 1; i <= 50; i++) {
            StoreOutcome o = limited.store(T0, human.dhtKey(), binding(mallory, i), new InetSocketAddress(flooder.getAddress(), 4000 + i)); // new port each time: same bucket
            if (o.stored()) stored++;
            else if (o.status() == StoreStatus.RATE_LIMITED) refused++;
        }
        assertThat(stored).isEqualTo(5);
        assertThat(refused).isEqualTo(45);
        assertThat(limited.store(T0, human.dhtKey(), binding(alice, 1), honest).stored()).isTrue();
        assertThat(limited.store(T0 + 1000, human.dhtKey(), binding(mallory, 51), flooder).stored()).as("refilled").isTrue();
    }

    @Test
    void domainAnchorRefusesUncertifiedWrites() {
        DomainAuthority ca = DomainAuthority.create("example.org", new SplittableRandom(7));
        var anchored = new BindingStoragePolicy(StorageLimits.DEFAULT, TrustAnchors.of("example.org", ca.anchor()), null);
        StoreOutcome o = anchored.store(T0, human.dhtKey(), binding(alice, 1));
        assertThat(o.status()).isEqualTo(StoreStatus.UNTRUSTED_OWNER);
        assertThat(o.detail()).contains("requires a certificate");
        byte[] cert = ca.certify(OwnerKey.of(alice), "alice", T0 - HOUR, T0 + 24 * HOUR).encode();
        Binding b = Fixtures.binding(human, phone);
        assertThat(anchored.store(T0, human.dhtKey(), EntryCodec.encode(BindingEntries.sign(alice, b, 2, T0, T0 + HOUR, cert))).stored()).isTrue();
        // Mallory reuses Alice's certificate: it certifies Alice's key, not his
        assertThat(anchored.store(T0, human.dhtKey(), EntryCodec.encode(BindingEntries.sign(mallory, b, 2, T0, T0 + HOUR, cert))).status())
                .isEqualTo(StoreStatus.UNTRUSTED_OWNER);
        // a certificate from another CA
        byte[] rogue = DomainAuthority.create("example.org", new SplittableRandom(8)).certify(OwnerKey.of(mallory), T0, T0 + HOUR).encode();
        assertThat(anchored.store(T0, human.dhtKey(), EntryCodec.encode(BindingEntries.sign(mallory, b, 3, T0, T0 + HOUR, rogue))).detail())
                .contains("not signed by a trusted CA");
        // other domains are not governed by the anchor
        Aor bob = Aor.parse("bob@other.net");
        assertThat(anchored.store(T0, bob.dhtKey(), binding(mallory, bob, 1, T0, T0 + HOUR)).stored()).isTrue();
    }

    @Test
    void mapValuesNeedTheirHashAsSlot() {
        NodeId key = NodeId.sha256Prefix(new byte[] {42});
        byte[] value = {1, 2, 3};
        var good = SignedEntry.sign(alice, new EntryContent(EntryKind.MAP_VALUE, key, OwnerKey.of(alice), NodeId.sha256Prefix(value),
                1, T0, T0 + HOUR, false, value, new byte[0]));
        assertThat(policy.store(T0, key, EntryCodec.encode(good)).stored()).isTrue();
        var bad = SignedEntry.sign(alice, new EntryContent(EntryKind.MAP_VALUE, key, OwnerKey.of(alice), NodeId.sha256Prefix(new byte[] {9}),
                1, T0, T0 + HOUR, false, value, new byte[0]));
        assertThat(policy.store(T0, key, EntryCodec.encode(bad)).status()).isEqualTo(StoreStatus.MALFORMED);
    }
}
