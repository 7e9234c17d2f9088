package io.peerdial.node.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.identity.NodeKeyPair;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NodeSignatureTest {

    /** RFC 8032 §7.1 TEST 1 secret key: a fixed identity for the vector. */
    private static final NodeKeyPair KEY = NodeKeyPair.fromPrivateKey(
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    private static final long TS = 1_700_000_000_000L;
    private static final SignedFields FIELDS = new SignedFields("INVITE", "sip:bob@example.org",
            "sip:alice@example.org;tag=a1", "sip:bob@example.org", "call-1@host", "1 INVITE",
            "v=0\r\n".getBytes(StandardCharsets.UTF_8));
    private static final String CANONICAL = "peerdial-sip-v1\nINVITE\nsip:bob@example.org\nsip:alice@example.org;tag=a1\n"
            + "sip:bob@example.org\ncall-1@host\n1 INVITE\n1700000000000\nSIGNATURE_OF_BODY";
    /** Captured once from this implementation (Ed25519 is deterministic); the key is RFC 8032's public key. */
    private static final String HEADER = "nodeid=21fe31dfa154a261626bf854046fd2271b7bed4b;"
            + "key=d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a;ts=1700000000000;"
            + "sig=cl-g8NtWWMKEvi7Mns7KNDq7XfEjCSa9R4pUhpybY0Y5GddQ1r201nq-p_7JIVZ0pfg2BSBUIT6EDz17X3weBQ";

    @Test
    void canonicalStringIsTheDocumentedOne() {
        String bodyDigest = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("v=0\r\n"));
        assertThat(new String(NodeSignature.canonical(FIELDS, TS), StandardCharsets.UTF_8))
                .isEqualTo(CANONICAL.replace("SIGNATURE_OF_BODY", bodyDigest));
    }

    @Test
    void vectorEncodes() {
        assertThat(NodeSignature.sign(KEY, FIELDS, TS)).isEqualTo(HEADER);
    }

    @Test
    void vectorDecodesAndVerifies() throws Exception {
        NodeSignature.Claim c = NodeSignature.verify(HEADER, FIELDS, TS + 29_000);
        assertThat(c.nodeId()).isEqualTo(KEY.nodeId());
        assertThat(c.publicKey()).isEqualTo(KEY.publicKey());
        assertThat(c.timestamp()).isEqualTo(TS);
    }

    @Test
    void everySignedFieldMatters() {
        String h = NodeSignature.sign(KEY, FIELDS, TS);
        SignedFields[] changed = {
                new SignedFields("BYE", FIELDS.requestUri(), FIELDS.from(), FIELDS.to(), FIELDS.callId(), FIELDS.cseq(), FIELDS.body()),
                new SignedFields(FIELDS.method(), "sip:eve@example.org", FIELDS.from(), FIELDS.to(), FIELDS.callId(), FIELDS.cseq(), FIELDS.body()),
                new SignedFields(FIELDS.method(), FIELDS.requestUri(), "sip:eve@example.org;tag=a1", FIELDS.to(), FIELDS.callId(), FIELDS.cseq(), FIELDS.body()),
                new SignedFields(FIELDS.method(), FIELDS.requestUri(), FIELDS.from(), "sip:bob@example.org;tag=x", FIELDS.callId(), FIELDS.cseq(), FIELDS.body()),
                new SignedFields(FIELDS.method(), FIELDS.requestUri(), FIELDS.from(), FIELDS.to(), "call-2@host", FIELDS.cseq(), FIELDS.body()),
                new SignedFields(FIELDS.method(), FIELDS.requestUri(), FIELDS.from(), FIELDS.to(), FIELDS.callId(), "2 INVITE", FIELDS.body()),
                new SignedFields(FIELDS.method(), FIELDS.requestUri(), FIELDS.from(), FIELDS.to(), FIELDS.callId(), FIELDS.cseq(), new byte[1]),
        };
        for (SignedFields f : changed) {
            assertThatThrownBy(() -> NodeSignature.verify(h, f, TS)).isInstanceOfSatisfying(SignatureException.class,
                    e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.BAD_SIGNATURE));
        }
    }

    @Test
    void timestampOutsideTheWindowIsStaleBothWays() {
        String h = NodeSignature.sign(KEY, FIELDS, TS);
        assertThatThrownBy(() -> NodeSignature.verify(h, FIELDS, TS + 30_001)).isInstanceOfSatisfying(SignatureException.class,
                e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.STALE));
        assertThatThrownBy(() -> NodeSignature.verify(h, FIELDS, TS - 30_001)).isInstanceOfSatisfying(SignatureException.class,
                e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.STALE));
    }

    @Test
    void keyThatDoesNotHashToTheNodeIdIsRefused() {
        NodeKeyPair other = NodeKeyPair.generate(new SplittableRandom(7));
        String h = NodeSignature.sign(KEY, FIELDS, TS).replace(KEY.nodeId().toHex(), other.nodeId().toHex());
        assertThatThrownBy(() -> NodeSignature.verify(h, FIELDS, TS)).isInstanceOfSatisfying(SignatureException.class,
                e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.KEY_MISMATCH));
    }

    @Test
    void malformedHeadersAreTypedRefusals() {
        String good = NodeSignature.sign(KEY, FIELDS, TS);
        String[] bad = {"", "nodeid", "nodeid=1;key=2;ts=3;sig=4", good.replace(";sig=", ";sig=%%"), good + ";ts=1",
                good.replace("ts=" + TS, "ts=99999999999999999999"), good.replace("ts=" + TS, "ts=-5"), "x".repeat(500),
                good.replace("key=", "key=zz").substring(0, good.length())};
        for (String b : bad) {
            assertThatThrownBy(() -> NodeSignature.verify(b, FIELDS, TS)).as(b).isInstanceOfSatisfying(SignatureException.class,
                    e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.MALFORMED));
        }
        assertThatThrownBy(() -> NodeSignature.verify(null, FIELDS, TS)).isInstanceOfSatisfying(SignatureException.class,
                e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.MISSING));
    }

    @Test
    void replayGuardRefusesAnExactCopyUntilTheWindowHasPassed() throws Exception {
        ReplayGuard guard = new ReplayGuard(10);
        NodeSignature.Claim c = NodeSignature.verify(NodeSignature.sign(KEY, FIELDS, TS), FIELDS, TS);
        guard.check(c, TS);
        assertThatThrownBy(() -> guard.check(c, TS + 1_000)).isInstanceOfSatisfying(SignatureException.class,
                e -> assertThat(e.reason()).isEqualTo(SignatureException.Reason.REPLAY));
        NodeSignature.Claim later = NodeSignature.verify(NodeSignature.sign(KEY, FIELDS, TS + 1), FIELDS, TS + 1);
        guard.check(later, TS + 1_000); // another signature: accepted
        guard.check(c, TS + 30_001 + 1); // forgotten once outside the window (the timestamp check refuses it then)
        assertThat(guard.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void replayGuardIsBounded() throws Exception {
        ReplayGuard guard = new ReplayGuard(3);
        for (int i = 0; i < 10; i++) {
            guard.check(NodeSignature.verify(NodeSignature.sign(KEY, FIELDS, TS + i), FIELDS, TS + i), TS + i);
        }
        assertThat(guard.size()).isEqualTo(3);
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
