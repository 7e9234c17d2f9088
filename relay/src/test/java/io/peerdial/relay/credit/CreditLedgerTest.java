package io.peerdial.relay.credit;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.relay.receipt.Keys;
import io.peerdial.relay.receipt.Receipt;
import io.peerdial.relay.receipt.ReceiptCodec;
import io.peerdial.relay.receipt.SessionId;
import io.peerdial.relay.receipt.SignedReceipt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Balance = weighed bytes relayed for others − bytes relayed for the node, from receipts only. */
class CreditLedgerTest {
    static final long T0 = 1_700_000_000_000L;
    static final long MB = 1_000_000;
    final CreditPolicy policy = new CreditPolicy(24 * 3600_000L, 60_000, 100 * MB, 500 * MB);
    final CreditLedger ledger = new CreditLedger(policy);
    final NodeKeyPair alice = Keys.fixed(1), bob = Keys.fixed(2), carol = Keys.fixed(3), dave = Keys.fixed(4);

    static SignedReceipt receipt(NodeKeyPair client, NodeKeyPair relay, long session, long toPeers, long toClient, long at) {
        return ReceiptCodec.sign(new Receipt(relay.nodeId(), OwnerKey.of(client), new SessionId(0, session), toPeers, toClient, at), client);
    }

    @Test
    void creditMinusDebit() {
        List<SignedReceipt> evidence = List.of(
                receipt(bob, alice, 1, 10 * MB, 20 * MB, T0),    // alice relayed 30 MB for bob
                receipt(carol, alice, 2, 5 * MB, 5 * MB, T0),    // and 10 MB for carol
                receipt(alice, dave, 3, 4 * MB, 8 * MB, T0));    // dave relayed 12 MB for alice
        Balance b = ledger.balance(T0, alice.nodeId(), evidence);
        assertThat(b.credit()).isEqualTo(40 * MB);
        assertThat(b.debit()).isEqualTo(12 * MB);
        assertThat(b.value()).isEqualTo(28 * MB);
        assertThat(b.counterparts()).isEqualTo(2);
        assertThat(ledger.balance(T0, bob.nodeId(), evidence).value()).isEqualTo(-30 * MB);
        assertThat(ledger.balance(T0, dave.nodeId(), evidence).value()).isEqualTo(12 * MB);
    }

    @Test
    void cumulativeReceiptsOfOneSessionCountOnce() {
        List<SignedReceipt> evidence = List.of(
                receipt(bob, alice, 1, 1 * MB, 1 * MB, T0),
                receipt(bob, alice, 1, 3 * MB, 2 * MB, T0 + 1000),
                receipt(bob, alice, 1, 3 * MB, 2 * MB, T0 + 1000), // the same receipt twice (a replay)
                receipt(bob, alice, 2, 1 * MB, 0, T0));            // another session counts on its own
        assertThat(ledger.balance(T0 + 1000, alice.nodeId(), evidence).credit()).isEqualTo(6 * MB);
        assertThat(ledger.balance(T0 + 1000, bob.nodeId(), evidence).debit()).isEqualTo(6 * MB);
    }

    @Test
    void oneCounterpartCannotInflateCreditBeyondItsCap() {
        // a colluding pair: bob signs 10 GB of "relaying" by alice in 100 sessions
        List<SignedReceipt> evidence = new ArrayList<>();
        for (int s = 0; s < 100; s++) evidence.add(receipt(bob, alice, s, 50 * MB, 50 * MB, T0));
        Balance b = ledger.balance(T0, alice.nodeId(), evidence);
        assertThat(b.relayedForOthers()).isEqualTo(10_000 * MB);
        assertThat(b.credit()).isEqualTo(100 * MB + 400 * MB / 4).isEqualTo(policy.weigh(Long.MAX_VALUE));
        // and bob's debit is in full: the pair gains nothing together
        assertThat(ledger.balance(T0, bob.nodeId(), evidence).value()).isEqualTo(-10_000 * MB);
    }

    @Test
    void weighingIsFullThenAQuarterThenNothing() {
        assertThat(policy.weigh(0)).isZero();
        assertThat(policy.weigh(60 * MB)).isEqualTo(60 * MB);
        assertThat(policy.weigh(100 * MB)).isEqualTo(100 * MB);
        assertThat(policy.weigh(300 * MB)).isEqualTo(150 * MB);
        assertThat(policy.weigh(500 * MB)).isEqualTo(200 * MB);
        assertThat(policy.weigh(900 * MB)).isEqualTo(200 * MB);
    }

    @Test
    void forgedSelfDealtOldAndFutureReceiptsAreIgnored() {
        SignedReceipt genuine = receipt(bob, alice, 1, MB, MB, T0);
        SignedReceipt forged = new SignedReceipt(new Receipt(alice.nodeId(), OwnerKey.of(bob), new SessionId(0, 2),
                900 * MB, 0, T0), genuine.signature()); // alice claims 900 MB with a signature bob never made
        SignedReceipt selfDealt = receipt(alice, alice, 3, 50 * MB, 0, T0);
        SignedReceipt old = receipt(carol, alice, 4, 50 * MB, 0, T0 - 24 * 3600_000L - 1);
        SignedReceipt future = receipt(dave, alice, 5, 50 * MB, 0, T0 + 60_001);
        Balance b = ledger.balance(T0, alice.nodeId(), List.of(genuine, forged, selfDealt, old, future));
        assertThat(b.credit()).isEqualTo(2 * MB);
        assertThat(b.ignored()).isEqualTo(4);
    }

    @Test
    void aNewcomerHasBalanceZero() {
        assertThat(ledger.balance(T0, alice.nodeId(), List.of()).value()).isZero();
        assertThat(Balance.none(alice.nodeId()).value()).isZero();
    }
}
