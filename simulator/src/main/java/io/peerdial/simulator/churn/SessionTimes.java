package io.peerdial.simulator.churn;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How long a node stays online, drawn by inversion of the distribution's CDF. Every model is
 * parameterised by its <em>median</em> session (what measurement papers report, e.g. Stutzbach &amp;
 * Rejaie, IMC 2006) plus a shape where the model has one:
 * <ul>
 * <li>{@code exponential}: mean = median / ln 2;
 * <li>{@code weibull}: shape k, scale λ = median / (ln 2)^(1/k);
 * <li>{@code pareto}: shape a (&gt; 1 for a finite mean), minimum xm = median / 2^(1/a).
 * </ul>
 */
public sealed interface SessionTimes {

    /** Session length in milliseconds ({@link Long#MAX_VALUE}: never leaves). */
    long drawMs(SplittableRandom random);

    /** Names accepted by {@link #of}. */
    String MODELS = "none, exponential, weibull, pareto, trace";

    static SessionTimes of(String model, double medianSeconds, double shape) {
        String m = model.toLowerCase(Locale.ROOT);
        if (!m.equals("none") && !m.equals("trace") && !(medianSeconds > 0)) throw new IllegalArgumentException("median session must be positive");
        return switch (m) {
            case "none", "trace" -> new None(); // trace: sessions come from the file (ChurnTrace)
            case "exponential" -> new Exponential(medianSeconds * 1000 / Math.log(2));
            case "weibull" -> {
                if (!(shape > 0)) throw new IllegalArgumentException("weibull shape must be positive");
                yield new Weibull(shape, medianSeconds * 1000 / Math.pow(Math.log(2), 1 / shape));
            }
            case "pareto" -> {
                if (!(shape > 0)) throw new IllegalArgumentException("pareto shape must be positive");
                yield new Pareto(shape, medianSeconds * 1000 / Math.pow(2, 1 / shape));
            }
            default -> throw new IllegalArgumentException("unknown churn model '" + model + "' (valid: " + MODELS + ")");
        };
    }

    record None() implements SessionTimes {
        @Override public long drawMs(SplittableRandom random) { return Long.MAX_VALUE; }
    }

    record Exponential(double meanMs) implements SessionTimes {
        @Override public long drawMs(SplittableRandom random) {
            return Math.max(1, Math.round(-meanMs * Math.log(1 - random.nextDouble())));
        }
    }

    record Weibull(double shape, double scaleMs) implements SessionTimes {
        @Override public long drawMs(SplittableRandom random) {
            return Math.max(1, Math.round(scaleMs * Math.pow(-Math.log(1 - random.nextDouble()), 1 / shape)));
        }
    }

    record Pareto(double shape, double minimumMs) implements SessionTimes {
        @Override public long drawMs(SplittableRandom random) {
            double x = minimumMs / Math.pow(1 - random.nextDouble(), 1 / shape);
            return x >= Long.MAX_VALUE / 2.0 ? Long.MAX_VALUE / 2 : Math.max(1, Math.round(x));
        }
    }
}
