package io.peerdial.simulator.io;

import io.peerdial.simulator.ice.Outcome;
import io.peerdial.simulator.metrics.CallMetrics;
import io.peerdial.simulator.metrics.Metrics;
import io.peerdial.simulator.net.NodeMix;
import io.peerdial.simulator.relay.RelayLoadModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of a run (XChart, headless): lookup latency CDF, hops histogram, success over time. */
public final class Plots {

    private Plots() {}

    public static void writeAll(Path dir, Metrics m) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int[] lat = m.successfulLatenciesSorted();
        if (lat.length > 0) latencyCdf(dir.resolve("lookup-latency-cdf.png"), lat);
        if (m.lookupCount() > 0) hops(dir.resolve("lookup-hops.png"), m.hopsHistogram());
        successOverTime(dir.resolve("lookup-success-over-time.png"), m);
    }

    /** Stacked bars: for each pair of node kinds that had calls, the fraction of each outcome. */
    public static void callOutcomes(Path file, CallMetrics m) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> pairs = new ArrayList<>();
        List<List<Double>> shares = new ArrayList<>();
        for (Outcome o : Outcome.values()) shares.add(new ArrayList<>());
        NodeMix[] all = NodeMix.values();
        for (int i = 0; i < all.length; i++) {
            for (int j = i; j < all.length; j++) {
                long n = m.count(all[i], all[j]);
                if (n == 0) continue;
                pairs.add(abbreviation(all[i]) + "-" + abbreviation(all[j]));
                for (Outcome o : Outcome.values()) shares.get(o.ordinal()).add(m.count(all[i], all[j], o) / (double) n);
            }
        }
        if (pairs.isEmpty()) return;
        CategoryChart c = new CategoryChartBuilder().width(Math.max(800, 60 * pairs.size())).height(500)
                .title("Call outcomes by NAT pair").xAxisTitle("node kinds (caller/callee in either order)")
                .yAxisTitle("fraction of the pair's calls").build();
        c.getStyler().setStacked(true);
        c.getStyler().setXAxisLabelRotation(45);
        for (Outcome o : Outcome.values()) c.addSeries(o.key, pairs, shares.get(o.ordinal()));
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Bytes relayed per public node, busiest first: the shape of the load spread (free riders carry 0). */
    public static void relayLoad(Path file, RelayLoadModel m, String policy) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int[] order = ResultWriter.sortedByLoad(m);
        if (order.length == 0) return;
        double[] x = new double[order.length], y = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            x[i] = i + 1;
            y[i] = m.bytesRelayed(order[i]) / 1e6;
        }
        XYChart c = new XYChartBuilder().width(800).height(500).title("Relay load per public node (" + policy + ")")
                .xAxisTitle("public nodes, busiest first").yAxisTitle("MB relayed").build();
        c.addSeries("bytes relayed", x, y).setMarker(SeriesMarkers.NONE);
        c.getStyler().setLegendVisible(false);
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String abbreviation(NodeMix k) {
        return switch (k) {
            case PUBLIC -> "PUB";
            case FULL_CONE -> "FC";
            case ADDRESS_RESTRICTED -> "AR";
            case PORT_RESTRICTED -> "PR";
            case SYMMETRIC -> "SYM";
            case UDP_BLOCKED -> "UDPB";
        };
    }

    /** Lookup success against the adversary fraction, one line per number of disjoint paths. */
    public static void adversarial(Path file, List<? extends AdversarialPoint> points, String behaviour) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder().width(800).height(500).title("Lookup success vs adversarial nodes (" + behaviour + ")")
                .xAxisTitle("fraction of adversarial nodes").yAxisTitle("lookup success rate").build();
        java.util.Map<Integer, List<double[]>> byPaths = new java.util.TreeMap<>();
        for (AdversarialPoint p : points) byPaths.computeIfAbsent(p.paths(), d -> new ArrayList<>()).add(new double[] {p.fraction(), p.successRate()});
        for (var e : byPaths.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(v -> v[0]).toArray();
            double[] y = e.getValue().stream().mapToDouble(v -> v[1]).toArray();
            c.addSeries(e.getKey() == 1 ? "single path" : e.getKey() + " disjoint paths", x, y);
        }
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** What {@link #adversarial} plots of a sweep point. */
    public interface AdversarialPoint {
        int paths();
        double fraction();
        double successRate();
    }

    private static void latencyCdf(Path file, int[] sorted) throws IOException {
        int points = Math.min(sorted.length, 1000);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            int idx = (int) ((long) (i + 1) * sorted.length / points) - 1;
            x[i] = sorted[idx];
            y[i] = (idx + 1) / (double) sorted.length;
        }
        XYChart c = new XYChartBuilder().width(800).height(500).title("Lookup latency CDF (successful lookups)")
                .xAxisTitle("latency (ms)").yAxisTitle("fraction of lookups").build();
        c.addSeries("CDF", x, y).setMarker(SeriesMarkers.NONE);
        c.getStyler().setLegendVisible(false);
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void hops(Path file, long[] hist) throws IOException {
        int last = 0;
        for (int i = 0; i < hist.length; i++) if (hist[i] > 0) last = i;
        List<Integer> x = new ArrayList<>();
        List<Long> y = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            x.add(i);
            y.add(hist[i]);
        }
        CategoryChart c = new CategoryChartBuilder().width(800).height(500).title("Lookup hops (rounds)")
                .xAxisTitle("hops").yAxisTitle("lookups").build();
        c.addSeries("lookups", x, y);
        c.getStyler().setLegendVisible(false);
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void successOverTime(Path file, Metrics m) throws IOException {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (double[] row : m.series()) {
            if (!Double.isNaN(row[4])) {
                x.add(row[0]);
                y.add(row[4]);
            }
        }
        if (x.isEmpty()) return;
        XYChart c = new XYChartBuilder().width(800).height(500).title("Lookup success rate over time")
                .xAxisTitle("simulated time (s)").yAxisTitle("success rate").build();
        c.addSeries("success", x, y);
        c.getStyler().setLegendVisible(false);
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
