package io.peerdial.relay.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.entry.OwnerKey;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's enforcement of receipts, driven like the node drives it: a check every 5 s with the
 * relay's counts; the client's {@link ReceiptSigner} signs every 30 s or 1 MB (the node's defaults).
 */
class ReceiptEnforcerTest {
    static final long T0 = 1_700_000_000_000L;
    static final long CHECK_MS = 5_000;
    static final long RATE = 20_000; // bytes/s each way: one audio call
    final NodeKeyPair client = Keys.fixed(1);
    final NodeKeyPair relay = Keys.fixed(2);
    final SessionId session = new SessionId(1, 2);
    final ReceiptEnforcer.Policy policy = ReceiptEnforcer.Policy.defaults();
    ReceiptBook book;
    ReceiptEnforcer enforcer;
    ReceiptSigner signer;

    @BeforeEach
    void open() {
        book = new ReceiptBook(relay.nodeId(), 30_000);
        book.open(T0, session, OwnerKey.of(client));
        enforcer = new ReceiptEnforcer(book, policy);
        signer = new ReceiptSigner(client, relay.nodeId(), session, 30_000, 1_000_000);
    }

    /** Runs the session from {@code from} to {@code to}; the client signs {@code signedShare} of the bytes until {@code stopsSigningAt}. */
    long run(long from, long to, double signedShare, long stopsSigningAt) throws Exception {
        for (long now = from; now <= to; now += 1_000) {
            long counted = (now - T0) / 1_000 * RATE;
            if (now < stopsSigningAt) {
                SignedReceipt r = signer.update(now, (long) (counted * signedShare), (long) (counted * signedShare));
                if (r != null) book.accept(now, r);
            }
            if ((now - T0) % CHECK_MS == 0) {
                ReceiptEnforcer.Verdict v = enforcer.check(now, Map.of(session,
                        new ReceiptEnforcer.Counted(client.nodeId(), counted, counted)));
                if (!v.isEmpty()) {
                    assertThat(v.close()).containsExactly(session);
                    assertThat(v.refuse()).containsEntry(client.nodeId(), now + policy.refuseForMs());
                    return now;
                }
            }
        }
        return -1;
    }

    @Test
    void anHonestClientIsNeverClosed() throws Exception {
        assertThat(run(T0, T0 + 30 * 60_000, 1.0, Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(enforcer.refuses(T0 + 30 * 60_000, client.nodeId())).isFalse();
    }

    @Test
    void aClientThatSignsALittleLessThanCountedIsWithinTheTolerance() throws Exception {
        assertThat(run(T0, T0 + 10 * 60_000, 0.95, Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void aClientThatStopsSigningIsClosedAfterTheGraceAndRefusedForAWhile() throws Exception {
        long stop = T0 + 120_000;
        long closedAt = run(T0, T0 + 10 * 60_000, 1.0, stop);
        // its last receipt covers what was counted up to 30 s before it stopped; the grace runs from there
        assertThat(closedAt).isBetween(stop + policy.graceMs() - 30_000, stop + policy.graceMs() + CHECK_MS);
        assertThat(enforcer.refuses(closedAt, client.nodeId())).isTrue();
        assertThat(enforcer.refuses(closedAt + policy.refuseForMs() - 1, client.nodeId())).isTrue();
        assertThat(enforcer.refuses(closedAt + policy.refuseForMs(), client.nodeId())).isFalse();
        assertThat(enforcer.refuses(closedAt, relay.nodeId())).isFalse();
    }

    @Test
    void aClientThatNeverSignsIsClosedOneGraceAfterTheStart() throws Exception {
        long closedAt = run(T0, T0 + 10 * 60_000, 1.0, T0);
        // once what was counted a grace earlier passes the slack (256 kB at 40 kB/s both ways: ~7 s in)
        assertThat(closedAt).isBetween(T0 + policy.graceMs(), T0 + policy.graceMs() + 10_000);
    }

    @Test
    void aClientThatUnderReportsIsClosed() throws Exception {
        long closedAt = run(T0, T0 + 10 * 60_000, 0.5, Long.MAX_VALUE);
        assertThat(closedAt).isPositive().isLessThan(T0 + 3 * policy.graceMs());
    }

    @Test
    void anEndedSessionIsJudgedOnItsFinalReceiptAfterTheFinalGrace() throws Exception {
        book.accept(T0 + 1_000, signer.update(T0 + 1_000, 100_000, 100_000));
        enforcer.ended(T0 + 2_000, session, client.nodeId(), 500_000, 500_000);
        assertThat(enforcer.check(T0 + 2_000 + policy.finalGraceMs() - 1, Map.of()).isEmpty()).isTrue();
        book.accept(T0 + 3_000, signer.close(T0 + 3_000, 500_000, 500_000)); // the final receipt comes in time
        assertThat(enforcer.check(T0 + 2_000 + policy.finalGraceMs(), Map.of()).isEmpty()).isTrue();
        assertThat(enforcer.watched()).isZero();
    }

    @Test
    void anEndedSessionWithoutItsFinalReceiptGetsItsClientRefused() throws Exception {
        book.accept(T0 + 1_000, signer.update(T0 + 1_000, 100_000, 100_000));
        enforcer.ended(T0 + 2_000, session, client.nodeId(), 5_000_000, 5_000_000);
        long judged = T0 + 2_000 + policy.finalGraceMs();
        ReceiptEnforcer.Verdict v = enforcer.check(judged, Map.of());
        assertThat(v.close()).isEmpty();
        assertThat(v.refuse()).containsExactly(Map.entry(client.nodeId(), judged + policy.refuseForMs()));
        assertThat(enforcer.refuses(judged + 1, client.nodeId())).isTrue();
        assertThat(enforcer.watched()).isZero();
    }

    @Test
    void sessionsNoLongerLiveAreForgotten() {
        enforcer.check(T0, Map.of(session, new ReceiptEnforcer.Counted(client.nodeId(), 1, 1)));
        assertThat(enforcer.watched()).isEqualTo(1);
        enforcer.check(T0 + CHECK_MS, Map.of());
        assertThat(enforcer.watched()).isZero();
    }
}
