package io.peerdial.simulator.relay;

import java.util.Arrays;

/** Spread of load over nodes (definitions in docs/SIMULATOR.md, "relay-load"). */
public final class LoadStats {

    private LoadStats() {}

    /**
     * Gini coefficient of non-negative loads: 0 when every node carries the same, (n − 1)/n when
     * one carries everything. G = Σᵢ (2i − n − 1)·xᵢ / (n·Σ x) over the loads sorted ascending, i = 1…n.
     */
    public static double gini(double[] loads) {
        int n = loads.length;
        double[] x = loads.clone();
        Arrays.sort(x);
        double sum = 0, weighted = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] < 0) throw new IllegalArgumentException("negative load " + x[i]);
            sum += x[i];
            weighted += (2.0 * (i + 1) - n - 1) * x[i];
        }
        return sum == 0 ? 0 : weighted / (n * sum);
    }

    /** The busiest node's load over the mean load; 0 when nothing was carried. */
    public static double maxOverMean(double[] loads) {
        double sum = 0, max = 0;
        for (double x : loads) {
            sum += x;
            max = Math.max(max, x);
        }
        return sum == 0 ? 0 : max / (sum / loads.length);
    }
}
