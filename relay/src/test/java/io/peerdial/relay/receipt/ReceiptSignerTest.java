package io.peerdial.relay.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.entry.OwnerKey;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ReceiptSignerTest {
    static final long T0 = 1_700_000_000_000L;

    @Test
    void signsOnTimeOrOnVolumeAndTheRelayAcceptsEachOne() throws Exception {
        var client = Keys.fixed(1);
        var relay = Keys.fixed(2);
        SessionId session = SessionId.of("1700000600:" + client.nodeId().toHex(),
                new InetSocketAddress("192.0.2.1", 50000), new InetSocketAddress("203.0.113.5", 4000));
        ReceiptSigner signer = new ReceiptSigner(client, relay.nodeId(), session, 10_000, 1_000_000);
        ReceiptBook book = new ReceiptBook(relay.nodeId(), 0);
        book.open(T0, session, OwnerKey.of(client));

        assertThat(signer.update(T0, 0, 0)).as("nothing relayed yet").isNull();
        SignedReceipt first = signer.update(T0, 100, 100);
        assertThat(first).isNotNull();
        book.accept(T0, first);
        assertThat(signer.nextDue()).isEqualTo(T0 + 10_000);
        assertThat(signer.update(T0 + 9_999, 5_000, 5_000)).as("neither interval nor volume").isNull();
        SignedReceipt byTime = signer.update(T0 + 10_000, 5_000, 5_000);
        assertThat(byTime.receipt().issuedAt()).isEqualTo(T0 + 10_000);
        book.accept(T0 + 10_000, byTime);
        SignedReceipt byVolume = signer.update(T0 + 10_000, 1_005_000, 5_000); // same ms: issuedAt still grows
        assertThat(byVolume.receipt().issuedAt()).isEqualTo(T0 + 10_001);
        book.accept(T0 + 10_001, byVolume);
        SignedReceipt last = signer.close(T0 + 10_001, 1_005_000, 5_000);
        book.accept(T0 + 10_002, last);
        assertThat(book.latest(session)).isEqualTo(last);
        assertThatThrownBy(() -> signer.update(T0 + 20_000, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sessionIdsDependOnEveryInput() {
        var relayed = new InetSocketAddress("192.0.2.1", 50000);
        var mapped = new InetSocketAddress("203.0.113.5", 4000);
        SessionId a = SessionId.of("u", relayed, mapped);
        assertThat(SessionId.of("u", relayed, mapped)).isEqualTo(a);
        assertThat(SessionId.of("v", relayed, mapped)).isNotEqualTo(a);
        assertThat(SessionId.of("u", new InetSocketAddress("192.0.2.1", 50002), mapped)).isNotEqualTo(a);
        assertThat(SessionId.of("u", relayed, new InetSocketAddress("203.0.113.5", 4001))).isNotEqualTo(a);
        assertThat(SessionId.fromBytes(a.toBytes())).isEqualTo(a);
    }
}
