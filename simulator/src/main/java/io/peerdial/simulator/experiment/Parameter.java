package io.peerdial.simulator.experiment;

import java.util.List;
import java.util.Locale;

/**
 * One experiment parameter: name, default, allowed range and a one-line meaning (the table in
 * docs/SIMULATOR.md is this list).
 */
public record Parameter(String key, Type type, String defaultValue, double min, double max, List<String> choices,
                        String meaning) {

    public enum Type { INT, LONG, DOUBLE, BOOLEAN, CHOICE, TEXT }

    static Parameter integer(String key, long def, long min, long max, String meaning) {
        return new Parameter(key, Type.INT, Long.toString(def), min, max, List.of(), meaning);
    }

    static Parameter longValue(String key, long def, long min, long max, String meaning) {
        return new Parameter(key, Type.LONG, Long.toString(def), min, max, List.of(), meaning);
    }

    static Parameter decimal(String key, double def, double min, double max, String meaning) {
        return new Parameter(key, Type.DOUBLE, Double.toString(def), min, max, List.of(), meaning);
    }

    static Parameter bool(String key, boolean def, String meaning) {
        return new Parameter(key, Type.BOOLEAN, Boolean.toString(def), 0, 1, List.of(), meaning);
    }

    static Parameter choice(String key, String def, List<String> choices, String meaning) {
        return new Parameter(key, Type.CHOICE, def, 0, 0, choices, meaning);
    }

    static Parameter text(String key, String def, String meaning) {
        return new Parameter(key, Type.TEXT, def, 0, 0, List.of(), meaning);
    }

    /** Checks {@code raw} and returns it normalised; throws {@link ExperimentException} naming the key. */
    String validate(String raw) {
        String v = raw.trim();
        try {
            switch (type) {
                case INT, LONG -> {
                    long x = Long.parseLong(v.replace("_", ""));
                    if (x < min || x > max) throw bad(v, "an integer in [" + (long) min + ", " + (long) max + "]");
                    return Long.toString(x);
                }
                case DOUBLE -> {
                    double x = Double.parseDouble(v);
                    if (!(x >= min && x <= max)) throw bad(v, "a number in [" + min + ", " + max + "]");
                    return Double.toString(x);
                }
                case BOOLEAN -> {
                    String b = v.toLowerCase(Locale.ROOT);
                    if (!b.equals("true") && !b.equals("false")) throw bad(v, "true or false");
                    return b;
                }
                case CHOICE -> {
                    String c = v.toLowerCase(Locale.ROOT);
                    if (!choices.contains(c)) throw bad(v, "one of " + String.join(", ", choices));
                    return c;
                }
                default -> {
                    return v;
                }
            }
        } catch (NumberFormatException e) {
            throw bad(v, type == Type.DOUBLE ? "a number" : "an integer");
        }
    }

    private ExperimentException bad(String value, String valid) {
        return new ExperimentException(key, "bad value '" + value + "' for " + key + ": expected " + valid);
    }
}
