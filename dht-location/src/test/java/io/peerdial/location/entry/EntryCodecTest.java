package io.peerdial.location.entry;

import static io.peerdial.location.Fixtures.HOUR;
import static io.peerdial.location.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.Fixtures;
import io.peerdial.location.entry.EntryFormatException.Reason;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EntryCodecTest {

    private final NodeKeyPair alice = Fixtures.key(1);

    private EntryContent content(byte[] payload, byte[] certificate, boolean tombstone) {
        return new EntryContent(EntryKind.MAP_VALUE, NodeId.sha256Prefix(new byte[] {1}), OwnerKey.of(alice),
                NodeId.sha256Prefix(payload), -2L /* 2^64-2 unsigned */, T0, T0 + HOUR, tombstone, payload, certificate);
    }

    private static Reason reasonOf(byte[] bytes) {
        try {
            EntryCodec.decode(bytes);
            return null;
        } catch (EntryFormatException e) {
            return e.reason();
        }
    }

    @Test
    void roundTripsWithAndWithoutCertificate() throws Exception {
        for (byte[] cert : new byte[][] {new byte[0], {9, 8, 7}}) {
            SignedEntry e = SignedEntry.sign(alice, content(new byte[] {1, 2, 3}, cert, false));
            byte[] bytes = EntryCodec.encode(e);
            assertThat(bytes).hasSize(EntryCodec.MIN_ENCODED_BYTES + 3 + (cert.length > 0 ? 2 + cert.length : 0));
            SignedEntry back = EntryCodec.decode(bytes);
            assertThat(back).isEqualTo(e);
            assertThat(back.content().seq()).isEqualTo(-2L);
            assertThat(back.verifySignature()).isTrue();
            assertThat(EntryCodec.encode(back)).isEqualTo(bytes);
        }
    }

    @Test
    void everyTruncationIsTruncated() {
        byte[] bytes = EntryCodec.encode(SignedEntry.sign(alice, content(new byte[] {1, 2, 3}, new byte[] {4}, true)));
        for (int n = 0; n < bytes.length; n++) {
            assertThat(reasonOf(Arrays.copyOf(bytes, n))).as("prefix of %d bytes", n).isEqualTo(Reason.TRUNCATED);
        }
    }

    @Test
    void refusesMalformedHeaderFields() {
        byte[] good = EntryCodec.encode(SignedEntry.sign(alice, content(new byte[] {1}, new byte[0], false)));
        assertThat(reasonOf(with(good, 0, 2))).isEqualTo(Reason.UNSUPPORTED_VERSION);
        assertThat(reasonOf(with(good, 1, 9))).isEqualTo(Reason.UNKNOWN_KIND);
        assertThat(reasonOf(with(good, 2, 0x80))).isEqualTo(Reason.RESERVED_FLAGS);
        assertThat(reasonOf(Arrays.copyOf(good, good.length + 1))).isEqualTo(Reason.TRAILING_BYTES);
        byte[] farFuture = good.clone();
        farFuture[83] = (byte) 0x80; // issuedAt >= 2^63
        assertThat(reasonOf(farFuture)).isEqualTo(Reason.BAD_FIELD);
        byte[] backwards = good.clone();
        System.arraycopy(good, 83, backwards, 91, 8); // expiresAt = issuedAt
        assertThat(reasonOf(backwards)).isEqualTo(Reason.BAD_FIELD);
        byte[] emptyCert = Arrays.copyOf(good, good.length + 2); // certificate flag with length 0
        emptyCert[2] = 2;
        System.arraycopy(good, good.length - 64, emptyCert, good.length - 62, 64);
        emptyCert[good.length - 64] = 0;
        emptyCert[good.length - 63] = 0;
        assertThat(reasonOf(emptyCert)).isEqualTo(Reason.BAD_FIELD);
    }

    @Test
    void oversizedIsRefusedBothWays() {
        byte[] big = new byte[EntryCodec.MAX_ENCODED_BYTES - EntryCodec.MIN_ENCODED_BYTES + 1];
        assertThatThrownBy(() -> SignedEntry.sign(alice, content(big, new byte[0], false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1000");
        byte[] fits = Arrays.copyOf(big, big.length - 1);
        assertThat(EntryCodec.encode(SignedEntry.sign(alice, content(fits, new byte[0], false)))).hasSize(1000);
        assertThat(reasonOf(new byte[1001])).isEqualTo(Reason.OVERSIZED);
    }

    @Test
    void signatureCoversEveryByte() throws Exception {
        byte[] good = EntryCodec.encode(SignedEntry.sign(alice, content(new byte[] {1, 2}, new byte[] {3}, false)));
        for (int i = 3; i < good.length; i++) { // header bytes 0..2 would not decode at all
            byte[] tampered = with(good, i, good[i] ^ 1);
            if (i >= 83 && i < 99) continue; // times: may not decode (covered above)
            SignedEntry e;
            try {
                e = EntryCodec.decode(tampered);
            } catch (EntryFormatException ex) {
                continue; // a length byte changed
            }
            assertThat(e.verifySignature()).as("bit flipped in byte %d", i).isFalse();
        }
    }

    @Test
    void signingWithAnotherKeyThanTheOwnerIsMisuse() {
        assertThatThrownBy(() -> SignedEntry.sign(Fixtures.key(2), content(new byte[0], new byte[0], true)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] with(byte[] b, int index, int value) {
        byte[] c = b.clone();
        c[index] = (byte) value;
        return c;
    }
}
