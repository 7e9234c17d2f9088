package io.peerdial.relay.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.relay.receipt.ReceiptException.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay keeps the newest valid receipt per session; forged, replayed and regressed ones change nothing. */
class ReceiptBookTest {
    static final long T0 = 1_700_000_000_000L;
    final NodeKeyPair client = Keys.fixed(1);
    final NodeKeyPair relay = Keys.fixed(2);
    final NodeKeyPair mallory = Keys.fixed(3);
    final SessionId session = new SessionId(1, 2);
    ReceiptBook book;

    @BeforeEach
    void open() {
        book = new ReceiptBook(relay.nodeId(), 30_000);
        book.open(T0, session, OwnerKey.of(client));
    }

    SignedReceipt signed(NodeKeyPair signer, long toPeers, long toClient, long at) {
        return ReceiptCodec.sign(new Receipt(relay.nodeId(), OwnerKey.of(signer), session, toPeers, toClient, at), signer);
    }

    @Test
    void keepsTheNewestCumulativeReceipt() throws Exception {
        book.accept(T0 + 1000, signed(client, 100, 200, T0 + 1000));
        SignedReceipt second = signed(client, 150, 200, T0 + 2000);
        book.accept(T0 + 2000, second);
        assertThat(book.latest(session)).isEqualTo(second);
        assertThat(book.proofs()).containsExactly(second);
        assertThat(book.unreceipted(session, 400, 260)).isEqualTo(250 + 60);
        assertThat(book.unreceipted(session, 100, 100)).isZero();
        assertThat(book.unreceipted(new SessionId(9, 9), 1, 1)).isEqualTo(-1);
    }

    @Test
    void aReplayedOrOlderReceiptIsRefused() throws Exception {
        SignedReceipt first = signed(client, 100, 200, T0 + 1000);
        SignedReceipt second = signed(client, 300, 400, T0 + 2000);
        book.accept(T0 + 2000, first);
        book.accept(T0 + 2000, second);
        assertRefused(first, Reason.REPLAYED);
        assertRefused(second, Reason.REPLAYED);
        assertThat(book.latest(session)).isEqualTo(second);
    }

    @Test
    void countsThatGoDownAreRefused() throws Exception {
        book.accept(T0 + 1000, signed(client, 100, 200, T0 + 1000));
        assertRefused(signed(client, 99, 500, T0 + 2000), Reason.REGRESSED);
        assertRefused(signed(client, 500, 199, T0 + 2000), Reason.REGRESSED);
    }

    @Test
    void forgedReceiptsAreRefused() {
        assertRefused(signed(mallory, 1_000_000, 0, T0), Reason.WRONG_CLIENT);
        SignedReceipt genuine = signed(client, 10, 10, T0);
        Receipt inflated = new Receipt(relay.nodeId(), OwnerKey.of(client), session, 10_000_000, 10, T0);
        assertRefused(new SignedReceipt(inflated, genuine.signature()), Reason.BAD_SIGNATURE);
        assertThat(book.latest(session)).isNull();
    }

    @Test
    void receiptsForOtherRelaysSessionsOrTheFutureAreRefused() {
        SignedReceipt other = ReceiptCodec.sign(new Receipt(mallory.nodeId(), OwnerKey.of(client), session, 1, 1, T0), client);
        assertRefused(other, Reason.WRONG_RELAY);
        SignedReceipt unknown = ReceiptCodec.sign(new Receipt(relay.nodeId(), OwnerKey.of(client), new SessionId(5, 5), 1, 1, T0), client);
        assertRefused(unknown, Reason.UNKNOWN_SESSION);
        assertRefused(signed(client, 1, 1, T0 + 30_001), Reason.FROM_FUTURE);
    }

    @Test
    void theFinalReceiptArrivesAfterClose() throws Exception {
        book.close(T0 + 4000, session);
        assertThat(book.openSessions()).isZero();
        book.accept(T0 + 5000, signed(client, 7, 8, T0 + 5000));
        assertThat(book.latest(session).receipt().totalBytes()).isEqualTo(15);
    }

    @Test
    void closedSessionsAreForgottenOnceTheirFinalReceiptCanNoLongerCome() throws Exception {
        SessionId open = new SessionId(3, 4);
        book.open(T0, open, OwnerKey.of(client));
        book.accept(T0 + 1000, signed(client, 7, 8, T0 + 1000));
        book.close(T0 + 2000, session);
        book.close(T0 + 9000, session); // a second close does not move the clock of the first

        assertThat(book.forgetClosedBefore(T0 + 2000)).isZero(); // closed at the cutoff: kept
        assertThat(book.latest(session)).isNotNull();
        assertThat(book.forgetClosedBefore(T0 + 2001)).isEqualTo(1);
        assertThat(book.latest(session)).isNull();
        assertThat(book.proofs()).isEmpty();
        assertThat(book.openSessions()).isEqualTo(1); // open sessions are never forgotten, however old
        assertThatThrownBy(() -> book.accept(T0 + 3000, signed(client, 9, 9, T0 + 3000)))
                .isInstanceOfSatisfying(ReceiptException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SESSION));
    }

    void assertRefused(SignedReceipt r, Reason reason) {
        assertThatThrownBy(() -> book.accept(T0, r)).isInstanceOfSatisfying(ReceiptException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
