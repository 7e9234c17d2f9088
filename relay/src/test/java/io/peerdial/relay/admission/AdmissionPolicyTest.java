package io.peerdial.relay.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.relay.admission.Decision.Cause;
import io.peerdial.relay.admission.Decision.Refuse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionPolicyTest {
    static final long MB = 1_000_000;
    // 10 sessions, 10 × 20 kB/s, free below 50 %, 50 MB allowance, 500 MB for the last slot
    final RelayCaps caps = new RelayCaps(10, 200_000, 20_000, 2);
    final AdmissionRules rules = new AdmissionRules(50 * MB, 0.5, 500 * MB, 2, false);
    final AdmissionPolicy policy = new AdmissionPolicy(caps, rules);

    static AdmissionRequest req(int id, long balance) {
        return req(id, balance, "203.0.113.0/24");
    }

    static AdmissionRequest req(int id, long balance, String prefix) {
        byte[] b = new byte[20];
        b[19] = (byte) id;
        return new AdmissionRequest(NodeId.fromBytes(b), balance, prefix, false);
    }

    static Cause cause(Decision d) {
        return ((Refuse) d).cause();
    }

    @Test
    void anIdleRelayAdmitsAnyoneWithinTheAllowance() {
        assertThat(policy.decide(new RelayLoad(0, 0), req(1, 0), 0, 0)).isEqualTo(Decision.ADMIT);
        assertThat(policy.decide(new RelayLoad(0, 0), req(1, -50 * MB), 0, 0)).isEqualTo(Decision.ADMIT);
        Decision overdrawn = policy.decide(new RelayLoad(0, 0), req(1, -50 * MB - 1), 0, 0);
        assertThat(overdrawn).isInstanceOfSatisfying(Refuse.class, r -> {
            assertThat(r.code()).isEqualTo(486);
            assertThat(r.cause()).isEqualTo(Cause.BALANCE_TOO_LOW);
            assertThat(r.reason()).startsWith("Allocation Quota Reached: balance");
        });
    }

    @Test
    void theBarRisesWithLoad() {
        assertThat(rules.requiredBalance(0.5)).isEqualTo(-50 * MB);
        assertThat(rules.requiredBalance(0.75)).isEqualTo(225 * MB);
        assertThat(rules.requiredBalance(1.0)).isEqualTo(500 * MB);
        // 9 sessions: the 10th slot needs 500 MB
        assertThat(cause(policy.decide(new RelayLoad(9, 0), req(1, 499 * MB), 0, 0))).isEqualTo(Cause.BALANCE_TOO_LOW);
        assertThat(policy.decide(new RelayLoad(9, 0), req(1, 500 * MB), 0, 0)).isEqualTo(Decision.ADMIT);
        // a measured rate above the per-session estimate raises utilisation too
        assertThat(cause(policy.decide(new RelayLoad(1, 150_000), req(1, 0), 0, 0))).isEqualTo(Cause.BALANCE_TOO_LOW);
    }

    @Test
    void operatorCapsRefuseWith508WhateverTheBalance() {
        Decision full = policy.decide(new RelayLoad(10, 0), req(1, Long.MAX_VALUE), 0, 0);
        assertThat(full).isInstanceOfSatisfying(Refuse.class, r -> {
            assertThat(r.code()).isEqualTo(508);
            assertThat(r.reason()).isEqualTo("Insufficient Capacity: relay session cap reached");
        });
        assertThat(cause(policy.decide(new RelayLoad(2, 190_000), req(1, Long.MAX_VALUE), 0, 0))).isEqualTo(Cause.BANDWIDTH_CAP);
        AdmissionPolicy stingy = new AdmissionPolicy(RelayCaps.none(), rules);
        assertThat(stingy.decide(new RelayLoad(0, 0), req(1, Long.MAX_VALUE), 0, 0)).isInstanceOfSatisfying(Refuse.class, r -> {
            assertThat(r.code()).isEqualTo(508);
            assertThat(r.cause()).isEqualTo(Cause.GIVES_NOTHING);
        });
    }

    @Test
    void perRequesterAndPerPrefixLimits() {
        assertThat(cause(policy.decide(new RelayLoad(0, 0), req(1, 0), 2, 0))).isEqualTo(Cause.REQUESTER_SESSIONS);
        // fresh identities from one /24 share the newcomer allowance...
        assertThat(cause(policy.decide(new RelayLoad(2, 0), req(7, 0), 0, 2))).isEqualTo(Cause.PREFIX_ALLOWANCE_USED);
        // ...which does not bind nodes with positive balance, nor other networks
        assertThat(policy.decide(new RelayLoad(2, 0), req(7, 1), 0, 2)).isEqualTo(Decision.ADMIT);
        AdmissionPolicy puzzles = new AdmissionPolicy(caps, new AdmissionRules(50 * MB, 0.5, 500 * MB, 2, true));
        assertThat(cause(puzzles.decide(new RelayLoad(0, 0), req(1, 0), 0, 0))).isEqualTo(Cause.NO_PUZZLE);
        assertThat(puzzles.decide(new RelayLoad(0, 0), new AdmissionRequest(req(1, 0).requester(), 0, "x", true), 0, 0))
                .isEqualTo(Decision.ADMIT);
    }

    @Test
    void aLoadedRelayAdmitsABatchInOrderOfBalance() {
        // 6 sessions in use; 4 slots left, 9 requests: the richest get them, within the load-dependent bar
        List<AdmissionRequest> batch = List.of(req(1, 0, "a"), req(2, 900 * MB, "b"), req(3, 100 * MB, "c"),
                req(4, 600 * MB, "d"), req(5, -10 * MB, "e"), req(6, 300 * MB, "f"), req(7, 450 * MB, "g"),
                req(8, 700 * MB, "h"), req(9, 50 * MB, "i"));
        List<Decision> d = policy.decideInOrder(new RelayLoad(6, 0), batch, Map.of(), Map.of());
        // utilisation with the 7th..10th session: 0.7, 0.8, 0.9, 1.0 → bars 170, 280, 390, 500 MB
        assertThat(d.get(1)).isEqualTo(Decision.ADMIT);  // 900 MB, 7th session
        assertThat(d.get(7)).isEqualTo(Decision.ADMIT);  // 700 MB, 8th
        assertThat(d.get(3)).isEqualTo(Decision.ADMIT);  // 600 MB, 9th
        assertThat(cause(d.get(6))).isEqualTo(Cause.BALANCE_TOO_LOW); // 450 MB < 500 MB for the last slot
        assertThat(cause(d.get(0))).isEqualTo(Cause.BALANCE_TOO_LOW);
        assertThat(d.stream().filter(x -> x instanceof Decision.Admit).count()).isEqualTo(3);
        // the same batch in another order gives the same decisions
        List<AdmissionRequest> reversed = new java.util.ArrayList<>(batch);
        java.util.Collections.reverse(reversed);
        List<Decision> again = new java.util.ArrayList<>(policy.decideInOrder(new RelayLoad(6, 0), reversed, Map.of(), Map.of()));
        java.util.Collections.reverse(again);
        assertThat(again).isEqualTo(d);
    }

    @Test
    void priorityIsBalanceThenNodeId() {
        List<AdmissionRequest> sorted = List.of(req(3, 5), req(1, 10), req(2, 5)).stream().sorted(AdmissionPolicy.PRIORITY).toList();
        assertThat(sorted).extracting(AdmissionRequest::balance).containsExactly(10L, 5L, 5L);
        assertThat(sorted.get(1).requester()).isEqualTo(req(2, 0).requester());
    }

    @Test
    void prefixesAreSlash24AndSlash48() throws Exception {
        assertThat(Prefixes.of(java.net.InetAddress.getByName("198.51.100.77"))).isEqualTo("198.51.100.0/24");
        assertThat(Prefixes.of(java.net.InetAddress.getByName("2001:db8:1:2::5"))).isEqualTo("2001:0db8:0001::/48");
    }
}
