package io.peerdial.location.map;

import static io.peerdial.location.Fixtures.HOUR;
import static io.peerdial.location.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.Fixtures;
import io.peerdial.location.entry.EntryCodec;
import io.peerdial.location.storage.BindingStoragePolicy;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.storage.StoreStatus;
import org.junit.jupiter.api.Test;

/** Set semantics of map values on a storing node. */
class MapEntriesTest {

    private final NodeId key = NodeId.sha256Prefix(new byte[] {42});
    private final BindingStoragePolicy policy = new BindingStoragePolicy();
    private final byte[] hello = {'h', 'i'};

    @Test
    void sameValueIsOneSlotAndRemovalHidesIt() {
        var alice = Fixtures.key(1);
        byte[] v1 = EntryCodec.encode(MapEntries.value(alice, key, hello, 1, T0, T0 + HOUR));
        byte[] other = EntryCodec.encode(MapEntries.value(alice, key, new byte[] {1}, 1, T0, T0 + HOUR));
        assertThat(policy.store(T0, key, v1).stored()).isTrue();
        assertThat(policy.store(T0, key, other).stored()).isTrue();
        byte[] again = EntryCodec.encode(MapEntries.value(alice, key, hello, 2, T0 + 1, T0 + HOUR));
        assertThat(policy.store(T0, key, again).stored()).isTrue();
        assertThat(policy.valueCount()).isEqualTo(2);
        byte[] removal = EntryCodec.encode(MapEntries.removal(alice, key, hello, 3, T0 + 2, T0 + HOUR));
        assertThat(policy.store(T0, key, removal).stored()).isTrue();
        assertThat(policy.get(T0, key)).containsExactly(removal, other);
        assertThat(policy.store(T0, key, again).status()).isEqualTo(StoreStatus.STALE_SEQ);
    }
}
