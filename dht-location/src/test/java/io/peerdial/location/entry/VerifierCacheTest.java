package io.peerdial.location.entry;

import static io.peerdial.location.Fixtures.HOUR;
import static io.peerdial.location.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.Fixtures;
import io.peerdial.overlay.identity.NodeId;
import org.junit.jupiter.api.Test;

class VerifierCacheTest {

    private static SignedEntry entry(int owner, long seq) {
        var k = Fixtures.key(owner);
        byte[] v = {(byte) seq};
        return SignedEntry.sign(k, new EntryContent(EntryKind.MAP_VALUE, NodeId.sha256Prefix(v), OwnerKey.of(k), NodeId.sha256Prefix(v),
                seq, T0, T0 + HOUR, false, v, new byte[0]));
    }

    @Test
    void agreesWithUncachedVerificationAndStaysBounded() throws Exception {
        VerifierCache cache = new VerifierCache(2);
        for (int owner = 1; owner <= 5; owner++) {
            SignedEntry good = entry(owner, owner);
            byte[] bytes = EntryCodec.encode(good);
            bytes[bytes.length - 1] ^= 1;
            SignedEntry bad = EntryCodec.decode(bytes);
            assertThat(cache.verify(good)).isTrue();
            assertThat(cache.verify(bad)).isFalse().isEqualTo(bad.verifySignature());
        }
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void keyThatIsNotACurvePointFailsAndIsNotCached() throws Exception {
        byte[] bytes = EntryCodec.encode(entry(1, 1));
        for (int i = 23; i < 55; i++) bytes[i] = (byte) 0xFF; // y >= p: not a valid encoding (RFC 8032 §5.1.3)
        SignedEntry e = EntryCodec.decode(bytes);
        VerifierCache cache = new VerifierCache(8);
        assertThat(cache.verify(e)).isFalse();
        assertThat(e.verifySignature()).isFalse();
        assertThat(cache.size()).isZero();
    }
}
