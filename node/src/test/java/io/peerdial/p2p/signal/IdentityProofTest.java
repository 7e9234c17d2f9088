package io.peerdial.p2p.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.node.media.ice.CandidateKind;
import io.peerdial.node.media.ice.IceCandidateAttribute;
import io.peerdial.node.media.ice.IceDescription;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The identity proof of a P2P session description, through the SDP both ways, and every way it is refused. */
class IdentityProofTest {

    private static final long NOW = 1_700_000_000_000L;
    private final NodeKeyPair aliceKey = NodeKeyPair.generate(new SplittableRandom(1));
    private final NodeKeyPair malloryKey = NodeKeyPair.generate(new SplittableRandom(2));
    private final String alice = Aor.selfCertifying("alice", OwnerKey.of(aliceKey)).toString();
    private final String bob = Aor.selfCertifying("bob", OwnerKey.of(malloryKey)).toString();
    private final IceDescription ice = new IceDescription("ufrag1", "pwd0123456789012345678901", List.of(
            new IceCandidateAttribute("1", 1, "UDP", 2130706431L, "127.0.0.1", 40000, CandidateKind.HOST, null, -1, List.of())), true);

    private byte[] offer(NodeKeyPair key, String signer, long ts) {
        return P2PSdp.write(7, ice, IdentityProof.sign(key, true, signer, bob, "call-1", ts, P2PSdp.iceAttributes(ice)));
    }

    private IdentityProof.Verified verify(byte[] sdp, String signer, long now) throws SignalException {
        P2PSdp.Parsed p = P2PSdp.parse(sdp);
        return IdentityProof.verify(p.proof(), true, signer, bob, "call-1", now, p.iceAttributes());
    }

    @Test
    void aSignedOfferVerifiesAfterTheSdpRoundTrip() throws Exception {
        byte[] sdp = offer(aliceKey, alice, NOW);
        P2PSdp.Parsed p = P2PSdp.parse(sdp);
        assertThat(p.ice()).isEqualTo(ice);
        assertThat(new String(sdp, StandardCharsets.UTF_8)).contains("m=application 40000 UDP/PEERDIAL 1\r\n", "c=IN IP4 127.0.0.1\r\n");
        IdentityProof.Verified v = verify(sdp, alice, NOW + 1_000);
        assertThat(v.fingerprint()).isEqualTo(OwnerKey.of(aliceKey).fingerprint());
        assertThat(v.userKey()).isEqualTo(aliceKey.publicKey());
    }

    @Test
    void aKeyThatDoesNotCertifyTheAddressIsRefused() {
        byte[] sdp = offer(malloryKey, alice, NOW); // mallery claims alice's self-certifying address
        assertThatThrownBy(() -> verify(sdp, alice, NOW)).isInstanceOfSatisfying(SignalException.class,
                e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.KEY_MISMATCH));
    }

    @Test
    void changedCandidatesBreakTheSignature() {
        String sdp = new String(offer(aliceKey, alice, NOW), StandardCharsets.UTF_8).replace("127.0.0.1 40000", "127.0.0.1 40001");
        assertThatThrownBy(() -> verify(sdp.getBytes(StandardCharsets.UTF_8), alice, NOW)).isInstanceOfSatisfying(SignalException.class,
                e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.BAD_SIGNATURE));
    }

    @Test
    void anotherCallIdOrRoleBreaksTheSignature() throws Exception {
        P2PSdp.Parsed p = P2PSdp.parse(offer(aliceKey, alice, NOW));
        assertThatThrownBy(() -> IdentityProof.verify(p.proof(), true, alice, bob, "call-2", NOW, p.iceAttributes()))
                .isInstanceOfSatisfying(SignalException.class, e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.BAD_SIGNATURE));
        assertThatThrownBy(() -> IdentityProof.verify(p.proof(), false, alice, bob, "call-1", NOW, p.iceAttributes()))
                .isInstanceOfSatisfying(SignalException.class, e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.BAD_SIGNATURE));
    }

    @Test
    void theTimeWindowHoldsBothWays() throws Exception {
        byte[] sdp = offer(aliceKey, alice, NOW);
        assertThat(verify(sdp, alice, NOW + IdentityProof.WINDOW_MILLIS)).isNotNull();
        assertThat(verify(sdp, alice, NOW - IdentityProof.WINDOW_MILLIS)).isNotNull();
        for (long now : new long[] {NOW + IdentityProof.WINDOW_MILLIS + 1, NOW - IdentityProof.WINDOW_MILLIS - 1}) {
            assertThatThrownBy(() -> verify(sdp, alice, now)).isInstanceOfSatisfying(SignalException.class,
                    e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.STALE));
        }
    }

    @Test
    void malformedProofsAndDescriptionsAreTypedRefusals() {
        for (String proof : new String[] {null, "", "1 zz 1 x", "2 " + "00".repeat(32) + " 1 AAAA", "1 00 1 AAAA", "x".repeat(400)}) {
            assertThatThrownBy(() -> IdentityProof.verify(proof, true, alice, bob, "c", NOW, List.of()))
                    .isInstanceOfSatisfying(SignalException.class, e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.NO_PROOF));
        }
        String audio = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
        assertThatThrownBy(() -> P2PSdp.parse(audio.getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(SignalException.class,
                e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.BAD_SDP));
        assertThatThrownBy(() -> P2PSdp.parse("garbage".getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(SignalException.class,
                e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.BAD_SDP));
    }
}
