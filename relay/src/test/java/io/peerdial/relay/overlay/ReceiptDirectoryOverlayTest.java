package io.peerdial.relay.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.map.DhtMap;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.relay.credit.Balance;
import io.peerdial.relay.credit.CreditLedger;
import io.peerdial.relay.credit.CreditPolicy;
import io.peerdial.relay.credit.ReceiptDirectory;
import io.peerdial.relay.receipt.Receipt;
import io.peerdial.relay.receipt.ReceiptCodec;
import io.peerdial.relay.receipt.SessionId;
import io.peerdial.relay.receipt.SignedReceipt;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Receipts published in the DHT under both parties' keys; balances computed from one lookup; hidden debts cost credit. */
class ReceiptDirectoryOverlayTest {
    static final long MB = 1_000_000;
    static OverlayHarness h;

    @BeforeAll
    static void overlay() {
        h = new OverlayHarness().growTo(60);
    }

    static SignedReceipt receipt(NodeKeyPair client, NodeKeyPair relay, long session, long bytes, long at) {
        return ReceiptCodec.sign(new Receipt(relay.nodeId(), OwnerKey.of(client), new SessionId(7, session), bytes, bytes, at), client);
    }

    @Test
    void balancesFromTheDhtAndHiddenDebtsCostTheRelayItsCredit() {
        NodeKeyPair relay = NodeKeyPair.generate(h.net.newRandom());
        NodeKeyPair honest = NodeKeyPair.generate(h.net.newRandom());
        NodeKeyPair hidden = NodeKeyPair.generate(h.net.newRandom());
        var directory = new ReceiptDirectory(h.map(1, relay));
        long now = h.net.now();
        h.await(directory.publish(receipt(honest, relay, 1, 5 * MB, now)));
        h.await(directory.publish(receipt(honest, relay, 1, 10 * MB, now + 1))); // the newer one replaces it
        // the relay publishes "hidden"'s receipt only under its own key, not under the client's
        SignedReceipt secret = receipt(hidden, relay, 2, 20 * MB, now);
        h.await(h.map(1, relay).add(ReceiptDirectory.keyOf(relay.nodeId()), ReceiptCodec.encode(secret)));

        var reader = new ReceiptDirectory(h.map(30, NodeKeyPair.generate(h.net.newRandom())));
        CreditLedger ledger = new CreditLedger(CreditPolicy.defaults());
        List<SignedReceipt> all = h.await(reader.receiptsOf(relay.nodeId()));
        assertThat(all).hasSize(2);
        assertThat(ledger.balance(h.net.now(), relay.nodeId(), all).credit()).isEqualTo(60 * MB);
        Balance honestBalance = ledger.balance(h.net.now(), honest.nodeId(), h.await(reader.receiptsOf(honest.nodeId())));
        assertThat(honestBalance.debit()).isEqualTo(20 * MB);
        assertThat(honestBalance.value()).isEqualTo(-20 * MB);

        // spot-checking both counterparts drops the credit whose debit is not where it should be
        List<SignedReceipt> evidence = h.await(reader.evidence(relay.nodeId(), 2, new SplittableRandom(5)));
        assertThat(ledger.balance(h.net.now(), relay.nodeId(), evidence).credit()).isEqualTo(20 * MB);

        h.await(directory.retire(new SessionId(7, 1)));
        assertThat(h.await(reader.receiptsOf(honest.nodeId()))).isEmpty();
    }

    @Test
    void receiptKeysAreApartFromMapKeys() {
        NodeKeyPair n = NodeKeyPair.generate(new SplittableRandom(1));
        assertThat(ReceiptDirectory.keyOf(n.nodeId())).isNotEqualTo(DhtMap.key("peerdial-receipts:" + n.nodeId().toHex()))
                .isNotEqualTo(n.nodeId());
    }
}
