package io.peerdial.node.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.identity.NodeKeyPair;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The verified-key cache must not change any verdict of {@link NodeSignature#verify}, only its cost. */
class SignerKeysTest {

    private static final NodeKeyPair KEY = NodeKeyPair.generate(new SplittableRandom(1));
    private static final NodeKeyPair OTHER = NodeKeyPair.generate(new SplittableRandom(2));
    private static final long TS = 1_700_000_000_000L;
    private static final SignedFields FIELDS = new SignedFields("BYE", "sip:bob@10.0.0.2:5060", "sip:alice@example.org;tag=a1",
            "sip:bob@example.org;tag=b2", "call-1@host", "2 BYE", new byte[0]);

    @Test
    void aKeyIsKeptOnlyAfterItsSignatureVerified() throws Exception {
        SignerKeys keys = new SignerKeys(8);
        String good = NodeSignature.sign(KEY, FIELDS, TS);
        String forged = good.replaceFirst("sig=[^;]*", "sig=" + "A".repeat(86));
        assertThatThrownBy(() -> NodeSignature.verify(forged, FIELDS, TS, keys)).isInstanceOfSatisfying(SignatureException.class,
                e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.BAD_SIGNATURE));
        assertThat(keys.size()).isZero();

        NodeSignature.Claim first = NodeSignature.verify(good, FIELDS, TS, keys);
        assertThat(keys.size()).isEqualTo(1);
        NodeSignature.Claim again = NodeSignature.verify(NodeSignature.sign(KEY, FIELDS, TS + 1), FIELDS, TS + 1, keys);
        assertThat(again.nodeId()).isEqualTo(first.nodeId()).isEqualTo(KEY.nodeId());
        assertThat(again.publicKey()).isEqualTo(KEY.publicKey());
        assertThat(keys.size()).isEqualTo(1);
    }

    @Test
    void aCachedKeyStillRefusesWhatTheUncachedPathRefuses() throws Exception {
        SignerKeys keys = new SignerKeys(8);
        NodeSignature.verify(NodeSignature.sign(KEY, FIELDS, TS), FIELDS, TS, keys); // KEY is now cached
        String good = NodeSignature.sign(KEY, FIELDS, TS + 5);

        SignedFields changed = new SignedFields("BYE", "sip:bob@10.0.0.2:5060", "sip:alice@example.org;tag=a1",
                "sip:bob@example.org;tag=b2", "call-1@host", "3 BYE", new byte[0]);
        assertThatThrownBy(() -> NodeSignature.verify(good, changed, TS + 5, keys)).isInstanceOfSatisfying(SignatureException.class,
                e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.BAD_SIGNATURE));
        String otherId = good.replace(KEY.nodeId().toHex(), OTHER.nodeId().toHex()); // cached key, claimed for another node
        assertThatThrownBy(() -> NodeSignature.verify(otherId, FIELDS, TS + 5, keys)).isInstanceOfSatisfying(SignatureException.class,
                e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.KEY_MISMATCH));
        assertThatThrownBy(() -> NodeSignature.verify(good, FIELDS, TS + 5 + NodeSignature.WINDOW_MS + 1, keys))
                .isInstanceOfSatisfying(SignatureException.class, e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.STALE));
        byte[] body = "v=0\r\n".getBytes(StandardCharsets.UTF_8);
        SignedFields withBody = new SignedFields("BYE", "sip:bob@10.0.0.2:5060", "sip:alice@example.org;tag=a1",
                "sip:bob@example.org;tag=b2", "call-1@host", "2 BYE", body);
        assertThatThrownBy(() -> NodeSignature.verify(good, withBody, TS + 5, keys)).isInstanceOfSatisfying(SignatureException.class,
                e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.BAD_SIGNATURE));
        assertThat(NodeSignature.verify(good, FIELDS, TS + 5, keys).nodeId()).isEqualTo(KEY.nodeId());
    }

    @Test
    void bodiesAreHashedTheSameWithAndWithoutTheCache() throws Exception {
        byte[] body = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\n".getBytes(StandardCharsets.UTF_8);
        SignedFields f = new SignedFields("INVITE", "sip:bob@example.org", "sip:alice@example.org;tag=a1", "sip:bob@example.org",
                "call-2@host", "1 INVITE", body);
        SignerKeys keys = new SignerKeys(8);
        for (int i = 0; i < 3; i++) { // the per-thread digest is reused
            String h = NodeSignature.sign(KEY, f, TS + i);
            assertThat(NodeSignature.verify(h, f, TS + i).nodeId()).isEqualTo(KEY.nodeId());
            assertThat(NodeSignature.verify(h, f, TS + i, keys).nodeId()).isEqualTo(KEY.nodeId());
        }
    }

    @Test
    void aFullTableStartsOver() throws Exception {
        SignerKeys keys = new SignerKeys(2);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 5; i++) {
            NodeKeyPair k = NodeKeyPair.generate(random);
            NodeSignature.verify(NodeSignature.sign(k, FIELDS, TS), FIELDS, TS, keys);
            assertThat(keys.size()).isBetween(1, 2);
        }
    }
}
