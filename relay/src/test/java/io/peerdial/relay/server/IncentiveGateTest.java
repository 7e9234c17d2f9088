package io.peerdial.relay.server;

import static io.peerdial.relay.server.TurnHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.stun.ErrorCode;
import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.relay.admission.AdmissionPolicy;
import io.peerdial.relay.admission.AdmissionRules;
import io.peerdial.relay.admission.RelayAdmission;
import io.peerdial.relay.admission.RelayCaps;
import io.peerdial.relay.credentials.CredentialClient;
import io.peerdial.relay.credentials.CredentialIssuer;
import io.peerdial.relay.credentials.TurnCredential;
import io.peerdial.relay.credentials.TurnRestCredentials;
import io.peerdial.relay.turn.Lifetime;
import io.peerdial.relay.turn.RequestedTransport;
import io.peerdial.relay.turn.TurnMethods;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Short-lived overlay credentials and the admission gate, plugged into the real TURN core. */
class IncentiveGateTest {
    static final long MB = 1_000_000;
    final NodeKeyPair relayKey = NodeKeyPair.generate(new SplittableRandom(1));
    final TurnRestCredentials credentials = TurnRestCredentials.random(new SplittableRandom(2));
    final CredentialIssuer issuer = new CredentialIssuer(relayKey, credentials, TurnHarness.REALM, 600_000, 60_000, 100,
            new SplittableRandom(3));
    final Map<NodeId, Long> balances = new HashMap<>();

    TurnHarness harness(RelayCaps caps) {
        var policy = new AdmissionPolicy(caps, new AdmissionRules(50 * MB, 0.5, 500 * MB, 4, false));
        var gate = new RelayAdmission(policy, id -> balances.getOrDefault(id, 0L), id -> true);
        return new TurnHarness(TurnConfig.defaults(TurnHarness.REALM), credentials, gate);
    }

    /** A node with its own key gets credentials through the exchange and becomes a TURN client. */
    TestClient node(TurnHarness h, int seed, String ip, long balance) throws Exception {
        NodeKeyPair key = NodeKeyPair.generate(new SplittableRandom(100 + seed));
        balances.put(key.nodeId(), balance);
        var client = new CredentialClient(key, new SplittableRandom(200 + seed), 10_000);
        long now = h.clock.now();
        TurnCredential c = client.accept(now, issuer.issue(now, client.request(now, relayKey.nodeId(), 600)));
        return h.client(ip, 4000 + seed, c.username(), c.password());
    }

    StunMessage allocateRequest(TurnHarness h, TestClient c) {
        h.challenge(c);
        return h.request(c, c.signed(TurnMethods.ALLOCATE, c.newTransaction(), new RequestedTransport(17)));
    }

    @Test
    void overlayCredentialsWorkUntilTheyExpire() throws Exception {
        TurnHarness h = harness(RelayCaps.defaults());
        TestClient c = node(h, 1, "203.0.113.5", 0);
        h.allocate(c);
        TestClient late = node(h, 2, "203.0.113.6", 0);
        h.clock.advance(600_000); // the credential's expiry second has come
        assertThat(errorCode(allocateRequest(h, late))).isEqualTo(401);
    }

    @Test
    void theOperatorCapRefusesWith508AndAClosedSessionFreesItsSlot() throws Exception {
        TurnHarness h = harness(new RelayCaps(1, 1_000_000, 20_000, 4));
        TestClient first = node(h, 1, "203.0.113.5", 10_000 * MB); // its only slot is at 100 % load
        h.allocate(first);
        TestClient second = node(h, 2, "198.51.100.5", 10_000 * MB);
        StunMessage refused = allocateRequest(h, second);
        assertThat(refused.first(ErrorCode.class).orElseThrow()).isEqualTo(
                new ErrorCode(508, "Insufficient Capacity: relay session cap reached"));
        h.request(first, first.signed(TurnMethods.REFRESH, first.newTransaction(), new Lifetime(0)));
        assertThat(allocateRequest(h, second).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    }

    @Test
    void aLoadedRelayServesTheNodeWithBalanceAndRefusesTheFreeRiderWith486() throws Exception {
        TurnHarness h = harness(new RelayCaps(4, 1_000_000, 20_000, 4));
        h.allocate(node(h, 1, "203.0.113.5", 0));
        h.allocate(node(h, 2, "203.0.113.6", 0)); // 2 of 4: still under the free threshold
        TestClient freeRider = node(h, 3, "198.51.100.5", -MB);
        StunMessage refused = allocateRequest(h, freeRider);
        assertThat(errorCode(refused)).isEqualTo(486);
        assertThat(refused.first(ErrorCode.class).orElseThrow().reason()).startsWith("Allocation Quota Reached: balance -1000000 below");
        assertThat(h.server.stats().quotaRefusals()).isEqualTo(1);
        TestClient contributor = node(h, 4, "198.51.100.6", 300 * MB);
        assertThat(allocateRequest(h, contributor).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(h.ports.reserved).hasSize(3); // the refused request took no port
    }
}
