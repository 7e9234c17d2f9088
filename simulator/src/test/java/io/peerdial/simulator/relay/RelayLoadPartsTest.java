package io.peerdial.simulator.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.peerdial.relay.credit.CreditPolicy;
import org.junit.jupiter.api.Test;

/** The load-spread statistics and the in-simulation ledger's credit rules. */
class RelayLoadPartsTest {

    private static final long MB = 1_000_000;

    @Test
    void giniIsZeroForEqualLoadsAndNearOneWhenOneNodeCarriesEverything() {
        assertThat(LoadStats.gini(new double[] {5, 5, 5, 5})).isZero();
        assertThat(LoadStats.gini(new double[] {0, 0, 0, 8})).isCloseTo(0.75, within(1e-12)); // (n − 1)/n
        // Σ|xi − xj| over ordered pairs / (2 n² mean) = 20 / (2 · 16 · 2.5) = 0.25, in any input order
        assertThat(LoadStats.gini(new double[] {3, 1, 4, 2})).isCloseTo(0.25, within(1e-12));
        assertThat(LoadStats.gini(new double[] {0, 0})).isZero();
        assertThatThrownBy(() -> LoadStats.gini(new double[] {1, -1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maxOverMeanIsTheBusiestOverTheAverage() {
        assertThat(LoadStats.maxOverMean(new double[] {5, 5})).isEqualTo(1.0);
        assertThat(LoadStats.maxOverMean(new double[] {0, 0, 0, 8})).isEqualTo(4.0);
        assertThat(LoadStats.maxOverMean(new double[] {0, 0})).isZero();
    }

    @Test
    void ledgerWeighsCreditPerCounterpartAndDebitsInFull() {
        SimLedger l = new SimLedger(4, CreditPolicy.defaults());
        l.settle(0, 1, 60 * MB);
        l.settle(0, 1, 90 * MB); // 150 MB for one client: 100 in full + 50 at a quarter
        assertThat(l.credit(0)).isEqualTo(100 * MB + 50 * MB / 4);
        assertThat(l.debit(1)).isEqualTo(150 * MB);
        assertThat(l.balance(1)).isEqualTo(-150 * MB);
        l.settle(0, 2, 10 * MB); // another counterpart starts from full weight again
        assertThat(l.credit(0)).isEqualTo(110 * MB + 50 * MB / 4);
        l.settle(0, 1, 1000 * MB); // beyond the 500 MB cap nothing more
        assertThat(l.credit(0)).isEqualTo(CreditPolicy.defaults().weigh(1150 * MB) + 10 * MB);
        l.settle(3, 3, 50 * MB); // self-dealing counts for nothing
        assertThat(l.balance(3)).isZero();
    }
}
