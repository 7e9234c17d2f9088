package io.peerdial.relay.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.stun.StunIntegrity;
import io.peerdial.relay.credentials.CredentialException.Reason;
import io.peerdial.relay.receipt.Keys;
import io.peerdial.relay.wire.RelayWireException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** The overlay exchange that gives a node short-lived TURN credentials, both sides, on a virtual clock. */
class CredentialExchangeTest {
    static final long T0 = 1_700_000_000_000L;
    static final byte[] SECRET = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    final NodeKeyPair relay = Keys.fixed(2), node = Keys.fixed(1), mallory = Keys.fixed(3);
    final TurnRestCredentials credentials = new TurnRestCredentials(SECRET);
    final CredentialIssuer issuer = new CredentialIssuer(relay, credentials, "peerdial", 600_000, 60_000, 4, new SplittableRandom(1));
    final CredentialClient client = new CredentialClient(node, new SplittableRandom(2), 10_000);

    /** Request and grant cross the wire as bytes, as they will over the overlay. */
    TurnCredential exchange(long now) throws Exception {
        CredentialRequest request = CredentialCodec.decodeRequest(CredentialCodec.encode(client.request(now, relay.nodeId(), 3600)));
        CredentialGrant grant = CredentialCodec.decodeGrant(CredentialCodec.encode(issuer.issue(now, request)));
        return client.accept(now, grant);
    }

    @Test
    void theNodeGetsAUsernameNamingItAndThePasswordOnlyItCanUnseal() throws Exception {
        TurnCredential c = exchange(T0);
        String username = ((T0 + 600_000) / 1000) + ":" + node.nodeId().toHex(); // 3600 s asked, 600 s given
        assertThat(c.username()).isEqualTo(username);
        assertThat(c.realm()).isEqualTo("peerdial");
        assertThat(c.expiresAt()).isEqualTo(T0 + 600_000);
        assertThat(c.password()).isEqualTo(hmacBase64(SECRET, username));
        assertThat(c.toString()).doesNotContain(c.password());
        assertThat(c.renewAt(60_000)).isEqualTo(T0 + 540_000);
        // the TURN core's key: valid until the expiry second, null after
        assertThat(credentials.key(T0, username, "peerdial")).isEqualTo(StunIntegrity.longTermKey(username, "peerdial", c.password()));
        assertThat(credentials.key(T0 + 599_999, username, "peerdial")).isNotNull();
        assertThat(credentials.key(T0 + 600_000, username, "peerdial")).isNull();
        assertThat(credentials.key(username, "peerdial")).as("no time, no key").isNull();
    }

    @Test
    void theSealedPasswordIsNotThePassword() throws Exception {
        CredentialRequest request = client.request(T0, relay.nodeId(), 600);
        CredentialGrant grant = issuer.issue(T0, request);
        String password = credentials.password(grant.username());
        assertThat(new String(grant.sealedPassword(), StandardCharsets.US_ASCII)).isNotEqualTo(password);
        assertThat(CredentialCodec.encode(grant)).asString(StandardCharsets.ISO_8859_1).doesNotContain(password);
        // another node that sniffed the grant cannot use it: it names our NodeId, and the pad needs our key
        CredentialClient eve = new CredentialClient(mallory, new SplittableRandom(2), 10_000);
        assertThatThrownBy(() -> eve.accept(T0, grant)).isInstanceOfSatisfying(CredentialException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED));
    }

    @Test
    void forgedUsernamesAndPasswordsAreRefusedByTheTurnKey() throws Exception {
        TurnCredential c = exchange(T0);
        String longer = ((T0 + 3_600_000) / 1000) + ":" + node.nodeId().toHex(); // the node extends its own expiry
        assertThat(StunIntegrity.longTermKey(longer, "peerdial", c.password()))
                .isNotEqualTo(credentials.key(T0, longer, "peerdial"));
        assertThat(credentials.key(T0, "alice", "peerdial")).isNull();
        assertThat(credentials.key(T0, "99999999999999999999:" + node.nodeId().toHex(), "peerdial")).isNull();
        assertThat(new TurnRestCredentials(new byte[32]).password(c.username())).isNotEqualTo(c.password());
    }

    @Test
    void replayedStaleAndMisaddressedRequestsAreRefused() throws Exception {
        CredentialRequest request = client.request(T0, relay.nodeId(), 600);
        issuer.issue(T0, request);
        assertRefused(() -> issuer.issue(T0 + 1000, request), Reason.REPLAYED);
        assertRefused(() -> issuer.issue(T0 + 60_001, client.request(T0, relay.nodeId(), 600)), Reason.STALE);
        assertRefused(() -> issuer.issue(T0, client.request(T0 + 60_001, relay.nodeId(), 600)), Reason.STALE);
        assertRefused(() -> issuer.issue(T0, client.request(T0, mallory.nodeId(), 600)), Reason.WRONG_RELAY);
        // after twice the skew the nonce is forgotten, and the time check alone refuses the old request
        assertRefused(() -> issuer.issue(T0 + 120_000, request), Reason.STALE);
    }

    @Test
    void theReplayCacheIsBounded() throws Exception {
        for (int i = 0; i < 4; i++) issuer.issue(T0, client.request(T0, relay.nodeId(), 600));
        assertRefused(() -> issuer.issue(T0, client.request(T0, relay.nodeId(), 600)), Reason.BUSY);
        issuer.issue(T0 + 120_000, client.request(T0 + 120_000, relay.nodeId(), 600)); // forgotten: room again
    }

    @Test
    void aGrantFromAnotherKeyOrExpiredIsRefused() throws Exception {
        CredentialRequest request = client.request(T0, relay.nodeId(), 600);
        CredentialIssuer impostor = new CredentialIssuer(mallory, credentials, "peerdial", 600_000, 60_000, 4, new SplittableRandom(1));
        CredentialRequest toImpostor = new CredentialRequest(request.requester(), mallory.nodeId(), request.requestedAt(),
                request.nonce(), request.ephemeralKey(), request.lifetimeSeconds(), request.signature()); // signature no longer matters here
        CredentialGrant fake = impostor.issue(T0, toImpostor);
        assertRefused(() -> client.accept(T0, fake), Reason.WRONG_RELAY);
        CredentialGrant real = issuer.issue(T0, request);
        assertRefused(() -> client.accept(T0 + 600_000, real), Reason.EXPIRED);
        assertThat(client.accept(T0, real).username()).endsWith(node.nodeId().toHex());
        assertRefused(() -> client.accept(T0, real), Reason.UNEXPECTED); // answered once
        client.request(T0, relay.nodeId(), 600);
        assertThat(client.expire(T0 + 9_999)).isZero();
        assertThat(client.expire(T0 + 10_000)).isEqualTo(1);
    }

    @Test
    void tamperedMessagesFailTheirSignature() {
        byte[] request = CredentialCodec.encode(client.request(T0, relay.nodeId(), 600));
        request[2 + 32 + 20 + 7] ^= 1; // requestedAt
        assertWire(request, RelayWireException.Reason.BAD_SIGNATURE);
        assertThatThrownBy(() -> CredentialCodec.decodeGrant(CredentialCodec.encode(client.request(T0, relay.nodeId(), 600))))
                .isInstanceOfSatisfying(RelayWireException.class, e -> assertThat(e.reason()).isEqualTo(RelayWireException.Reason.UNKNOWN_TYPE));
    }

    static String hmacBase64(byte[] key, String message) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        byte[] in = message.getBytes(StandardCharsets.US_ASCII);
        mac.update(in, 0, in.length);
        byte[] out = new byte[32];
        mac.doFinal(out, 0);
        return Base64.getEncoder().encodeToString(out);
    }

    interface Call {
        void run() throws Exception;
    }

    static void assertRefused(Call call, Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CredentialException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    static void assertWire(byte[] bytes, RelayWireException.Reason reason) {
        assertThatThrownBy(() -> CredentialCodec.decodeRequest(bytes)).isInstanceOfSatisfying(RelayWireException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
