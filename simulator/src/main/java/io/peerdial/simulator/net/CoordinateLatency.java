package io.peerdial.simulator.net;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Per-pair delay from synthetic network coordinates, in the spirit of Vivaldi's
 * "Euclidean plane + height" model (Dabek et al., SIGCOMM 2004): every node has a point in a
 * 2-D or 3-D space and a height (its access link); the RTT between two nodes is the distance of
 * their points plus both heights. Points are drawn around a few "continent" centres, so RTTs
 * show the bimodal spread of real measurements (short within a region, long across). The
 * Euclidean part is scaled once so that the median RTT over random pairs equals the configured
 * median (80 ms by default, close to the King data set's median).
 *
 * <p>Coordinates live in one {@code float[]} ({@code dims + 1} floats per node): 12–16 bytes a node.
 */
public final class CoordinateLatency {

    private static final int CALIBRATION_PAIRS = 20_000;
    /** The least one-way delay of any datagram: the parallel engine's lookahead rests on it. */
    public static final long MIN_ONE_WAY_MS = 1;

    private final int dims;
    private final int clusters;
    private final double[] centres;
    private final double clusterSpread;
    private final double meanHeightMs;
    private final double jitterMeanMs;
    private float[] coords;
    private double scale = 1.0;

    /**
     * @param dims         2 or 3
     * @param clusters     number of regions the points gather around (1 = one Gaussian blob)
     * @param meanHeightMs mean access-link delay added per node (exponential)
     * @param jitterMeanMs mean of the exponential per-datagram jitter added to the one-way delay
     */
    public CoordinateLatency(int dims, int clusters, double meanHeightMs, double jitterMeanMs, SplittableRandom random) {
        if (dims != 2 && dims != 3) throw new IllegalArgumentException("dims must be 2 or 3, got " + dims);
        if (clusters < 1) throw new IllegalArgumentException("clusters must be positive, got " + clusters);
        this.dims = dims;
        this.clusters = clusters;
        this.meanHeightMs = meanHeightMs;
        this.jitterMeanMs = jitterMeanMs;
        this.clusterSpread = 0.15;
        this.centres = new double[clusters * dims];
        for (int i = 0; i < centres.length; i++) centres[i] = random.nextDouble();
        this.coords = new float[1024 * (dims + 1)];
    }

    /** Draws node {@code node}'s coordinates (call once per node, in node order). */
    public void place(int node, SplittableRandom random) {
        int stride = dims + 1;
        if ((node + 1) * stride > coords.length) coords = Arrays.copyOf(coords, Math.max(coords.length * 2, (node + 1) * stride));
        int c = random.nextInt(clusters);
        for (int d = 0; d < dims; d++) {
            coords[node * stride + d] = (float) (centres[c * dims + d] + clusterSpread * random.nextGaussian());
        }
        coords[node * stride + dims] = (float) (1.0 + exponential(random, meanHeightMs));
    }

    /** Scales distances so that the median RTT of random pairs among the first {@code placed} nodes is {@code medianRttMs}. */
    public void calibrate(int placed, double medianRttMs, SplittableRandom random) {
        if (placed < 2) return;
        double[] dist = new double[CALIBRATION_PAIRS];
        double[] heights = new double[CALIBRATION_PAIRS];
        for (int i = 0; i < CALIBRATION_PAIRS; i++) {
            int a = random.nextInt(placed);
            int b = random.nextInt(placed - 1);
            if (b >= a) b++;
            dist[i] = distance(a, b);
            heights[i] = height(a) + height(b);
        }
        // RTT(s) = s * dist + heights is monotone in s: bisect for the median.
        double lo = 0, hi = 1;
        while (medianRtt(dist, heights, hi) < medianRttMs && hi < 1e9) hi *= 2;
        for (int it = 0; it < 60; it++) {
            double mid = (lo + hi) / 2;
            if (medianRtt(dist, heights, mid) < medianRttMs) lo = mid; else hi = mid;
        }
        scale = hi;
    }

    /** Round-trip time between two nodes without jitter, in milliseconds. */
    public double rttMs(int a, int b) {
        return scale * distance(a, b) + height(a) + height(b);
    }

    /** One-way delay of one datagram: half the RTT plus exponential jitter, at least 1 ms. */
    public long oneWayMs(int from, int to, SplittableRandom random) {
        return oneWayMs(from, to, jitterMeanMs > 0 ? random.nextDouble() : 0); // a draw only with jitter, as ever
    }

    /**
     * The same with the jitter drawn from {@code uniform} (in [0, 1)) instead of a generator: the
     * overlay simulator derives it from a hash of the datagram, so no generator is shared between threads.
     */
    public long oneWayMs(int from, int to, double uniform) {
        double d = rttMs(from, to) / 2;
        if (jitterMeanMs > 0) d += -jitterMeanMs * Math.log(1.0 - uniform);
        return Math.max(MIN_ONE_WAY_MS, Math.round(d));
    }

    private double distance(int a, int b) {
        int stride = dims + 1;
        double s = 0;
        for (int d = 0; d < dims; d++) {
            double x = coords[a * stride + d] - coords[b * stride + d];
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private double height(int node) {
        return coords[node * (dims + 1) + dims];
    }

    private static double medianRtt(double[] dist, double[] heights, double s) {
        double[] r = new double[dist.length];
        for (int i = 0; i < r.length; i++) r[i] = s * dist[i] + heights[i];
        Arrays.sort(r);
        return r[r.length / 2];
    }

    static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1.0 - random.nextDouble());
    }
}
