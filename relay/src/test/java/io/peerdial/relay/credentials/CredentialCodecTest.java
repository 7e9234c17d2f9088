package io.peerdial.relay.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.relay.receipt.Keys;
import io.peerdial.relay.wire.RelayWireException;
import io.peerdial.relay.wire.RelayWireException.Reason;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Request and grant encodings, assembled by hand from the documented layout, both ways. */
class CredentialCodecTest {
    static final HexFormat HEX = HexFormat.of();
    final NodeKeyPair node = Keys.fixed(1), relay = Keys.fixed(2);
    final byte[] eph = new byte[32];

    {
        Arrays.fill(eph, (byte) 0x55);
    }

    @Test
    void requestVectorBothWays() throws Exception {
        CredentialRequest r = CredentialCodec.signRequest(node, relay.nodeId(), 1_700_000_000_000L, 0x1122334455667788L, eph, 600);
        String body = "0101" + HEX.formatHex(node.publicKey()) + relay.nodeId().toHex() + "0000018bcfe56800"
                + "1122334455667788" + "55".repeat(32) + "00000258";
        byte[] encoded = CredentialCodec.encode(r);
        assertThat(encoded).hasSize(CredentialCodec.REQUEST_LENGTH);
        assertThat(HEX.formatHex(encoded)).isEqualTo(body + HEX.formatHex(r.signature()));
        assertThat(CredentialCodec.decodeRequest(HEX.parseHex(body + HEX.formatHex(r.signature())))).isEqualTo(r);
        assertThat(CredentialCodec.typeOf(encoded)).isEqualTo(CredentialCodec.TYPE_REQUEST);
    }

    @Test
    void grantVectorBothWays() throws Exception {
        CredentialGrant g = CredentialCodec.signGrant(relay, new CredentialGrant(OwnerKey.of(relay), node.nodeId(), 7, eph,
                1_700_000_600_000L, "pd", "1700000600:" + node.nodeId().toHex(), new byte[] {1, 2, 3}, new byte[64]));
        String body = "0102" + HEX.formatHex(relay.publicKey()) + node.nodeId().toHex() + "0000000000000007" + "55".repeat(32)
                + "0000018bcfee8fc0" + "02" + HEX.formatHex("pd".getBytes()) + "33"
                + HEX.formatHex(("1700000600:" + node.nodeId().toHex()).getBytes()) + "03010203";
        byte[] encoded = CredentialCodec.encode(g);
        assertThat(HEX.formatHex(encoded)).isEqualTo(body + HEX.formatHex(g.signature()));
        assertThat(CredentialCodec.decodeGrant(encoded)).isEqualTo(g);
    }

    @Test
    void badInputHasItsReason() {
        byte[] good = CredentialCodec.encode(CredentialCodec.signRequest(node, relay.nodeId(), 1, 2, eph, 600));
        assertReason(Arrays.copyOf(good, 1), Reason.TRUNCATED);
        assertReason(Arrays.copyOf(good, good.length - 1), Reason.TRUNCATED);
        assertReason(Arrays.copyOf(good, good.length + 1), Reason.OVERSIZED);
        byte[] v9 = good.clone();
        v9[0] = 9;
        assertReason(v9, Reason.UNKNOWN_VERSION);
        byte[] t3 = good.clone();
        t3[1] = 3;
        assertReason(t3, Reason.UNKNOWN_TYPE);
        byte[] zeroLifetime = good.clone();
        Arrays.fill(zeroLifetime, CredentialCodec.REQUEST_LENGTH - 68, CredentialCodec.REQUEST_LENGTH - 64, (byte) 0);
        assertReason(zeroLifetime, Reason.BAD_FIELD);
    }

    static void assertReason(byte[] in, Reason reason) {
        assertThatThrownBy(() -> CredentialCodec.decodeRequest(in)).isInstanceOfSatisfying(RelayWireException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
