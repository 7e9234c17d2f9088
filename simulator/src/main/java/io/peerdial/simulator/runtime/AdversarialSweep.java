package io.peerdial.simulator.runtime;

import io.peerdial.simulator.engine.Simulation;
import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.experiment.ExperimentException;
import io.peerdial.simulator.metrics.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code adversarial} model: one overlay {@link Simulation} per (disjoint paths d, adversary
 * fraction f) of the sweep, every run with the same seed, so the curves differ only by d and f.
 * Each point records the lookups' success rate (an honest closest node was reached), hops and
 * the gets' availability.
 */
final class AdversarialSweep {

    /** One point of the curve. */
    record Point(int paths, double fraction, long lookups, double successRate, int hopsMedian, int latencyMedianMs,
                 Double availability, long events) implements io.peerdial.simulator.io.Plots.AdversarialPoint {}

    private final List<Point> points = new ArrayList<>();
    private long events;
    private long simulatedMs;

    List<Point> run(Experiment exp, Simulation.Progress progress) {
        List<Integer> paths = integers(exp, "adversary.paths");
        List<Double> fractions = decimals(exp, "adversary.fractions");
        for (int d : paths) {
            if (d > exp.integer("overlay.k")) throw new ExperimentException("adversary.paths", "paths " + d + " > overlay.k");
            for (double f : fractions) {
                Experiment e = exp.with("model", "overlay").with("overlay.disjointPaths", Integer.toString(d))
                        .with("adversary.fraction", Double.toString(f));
                Simulation sim = new Simulation(e);
                sim.run(progress);
                events += sim.events();
                simulatedMs += sim.now();
                Map<String, Object> s = sim.metrics().summary();
                points.add(point(d, f, s, sim.events()));
            }
        }
        return points;
    }

    @SuppressWarnings("unchecked")
    private static Point point(int d, double f, Map<String, Object> s, long events) {
        Map<String, Object> l = (Map<String, Object>) s.getOrDefault("lookups", Map.of());
        Map<String, Object> b = (Map<String, Object>) s.getOrDefault("bindings", Map.of());
        long total = ((Number) l.getOrDefault("total", 0)).longValue();
        double success = ((Number) l.getOrDefault("successRate", Double.NaN)).doubleValue();
        int hops = l.containsKey("hops") ? ((Number) ((Map<String, Object>) l.get("hops")).get("median")).intValue() : 0;
        int latency = l.containsKey("latencyMs") ? ((Number) ((Map<String, Object>) l.get("latencyMs")).get("median")).intValue() : 0;
        Double availability = b.containsKey("availability") ? ((Number) b.get("availability")).doubleValue() : null;
        return new Point(d, f, total, success, hops, latency, availability, events);
    }

    long events() { return events; }

    long simulatedMs() { return simulatedMs; }

    /** The summary.json part: every point, and per d the largest swept fraction with success ≥ 0.9 and ≥ 0.99. */
    Map<String, Object> summary(String behaviour) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("behaviour", behaviour);
        List<Map<String, Object>> list = new ArrayList<>();
        Map<String, Object> tolerated90 = new LinkedHashMap<>();
        Map<String, Object> tolerated99 = new LinkedHashMap<>();
        for (Point p : points) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("disjointPaths", p.paths());
            m.put("fraction", p.fraction());
            m.put("lookups", p.lookups());
            m.put("successRate", p.successRate());
            m.put("hopsMedian", p.hopsMedian());
            m.put("latencyMedianMs", p.latencyMedianMs());
            if (p.availability() != null) m.put("availability", p.availability());
            list.add(m);
            String key = "d" + p.paths();
            tolerated90.putIfAbsent(key, 0.0);
            tolerated99.putIfAbsent(key, 0.0);
            if (p.successRate() >= 0.9) tolerated90.merge(key, p.fraction(), (x, y) -> Math.max((double) x, (double) y));
            if (p.successRate() >= 0.99) tolerated99.merge(key, p.fraction(), (x, y) -> Math.max((double) x, (double) y));
        }
        a.put("points", list);
        a.put("toleratedFraction90", tolerated90);
        a.put("toleratedFraction99", tolerated99);
        return Map.of("adversarial", a);
    }

    static String csv(List<Point> points) {
        StringBuilder sb = new StringBuilder("disjointPaths,fraction,lookups,successRate,hopsMedian,latencyMedianMs,availability\n");
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%d,%d,%s%n", p.paths(), p.fraction(), p.lookups(),
                    Metrics.round(p.successRate()), p.hopsMedian(), p.latencyMedianMs(), p.availability() == null ? "" : p.availability()));
        }
        return sb.toString();
    }

    private static List<Integer> integers(Experiment exp, String key) {
        List<Integer> out = new ArrayList<>();
        for (String s : exp.text(key).split(",")) {
            try {
                int v = Integer.parseInt(s.trim());
                if (v < 1 || v > 20) throw new NumberFormatException();
                out.add(v);
            } catch (NumberFormatException e) {
                throw new ExperimentException(key, key + ": '" + s.trim() + "' is not an integer in [1, 20]");
            }
        }
        return out;
    }

    private static List<Double> decimals(Experiment exp, String key) {
        List<Double> out = new ArrayList<>();
        for (String s : exp.text(key).split(",")) {
            try {
                double v = Double.parseDouble(s.trim());
                if (!(v >= 0 && v <= 0.95)) throw new NumberFormatException();
                out.add(v);
            } catch (NumberFormatException e) {
                throw new ExperimentException(key, key + ": '" + s.trim() + "' is not a fraction in [0, 0.95]");
            }
        }
        return out;
    }
}
