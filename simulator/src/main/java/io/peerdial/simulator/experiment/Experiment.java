package io.peerdial.simulator.experiment;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * An experiment: a validated set of {@link Parameters}. Files are Java properties
 * ({@code key = value}, {@code #} comments) so that a researcher needs no schema to read one.
 * Unknown keys and bad values are refused with an {@link ExperimentException} naming the key.
 */
public final class Experiment {

    private final Map<String, String> values;
    // The node mix is replaced as a whole by each layer that mentions it (defaults < file < --set): the first
    // mix.* key of a layer zeroes every fraction, so the names that layer leaves out are 0 (CONTRACTS.md).
    private final boolean mixOverridden; // a with() has already started the --set layer's mix

    private Experiment(Map<String, String> values, boolean mixOverridden) {
        this.values = values;
        this.mixOverridden = mixOverridden;
    }

    /** Parses properties text; every key must be a known parameter. */
    public static Experiment parse(Reader in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        Map<String, String> v = new LinkedHashMap<>();
        for (Parameter def : Parameters.ALL) v.put(def.key(), def.defaultValue());
        boolean mixSet = false;
        for (String key : new TreeMap<>(Map.copyOf(toMap(p))).keySet()) {
            String value = Parameters.get(key).validate(p.getProperty(key));
            if (key.startsWith(Parameters.MIX_PREFIX) && !mixSet) {
                zeroMix(v);
                mixSet = true;
            }
            v.put(key, value);
        }
        return new Experiment(v, false);
    }

    public static Experiment parse(String text) {
        try {
            return parse(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    public static Experiment defaults() {
        return parse("");
    }

    /** A copy with {@code key} set to {@code value} (a {@code --set KEY=VALUE}). */
    public Experiment with(String key, String value) {
        Map<String, String> v = new LinkedHashMap<>(values);
        String valid = Parameters.get(key).validate(value);
        boolean mix = key.startsWith(Parameters.MIX_PREFIX);
        if (mix && !mixOverridden) zeroMix(v);
        v.put(key, valid);
        return new Experiment(v, mixOverridden || mix);
    }

    /** Applies one {@code KEY=VALUE} override. */
    public Experiment withAssignment(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) throw new ExperimentException(assignment, "bad --set '" + assignment + "': expected KEY=VALUE");
        return with(assignment.substring(0, eq).trim(), assignment.substring(eq + 1));
    }

    public String text(String key) {
        Parameters.get(key);
        return values.get(key);
    }

    public int integer(String key) {
        return Integer.parseInt(text(key));
    }

    public long longValue(String key) {
        return Long.parseLong(text(key));
    }

    public double decimal(String key) {
        return Double.parseDouble(text(key));
    }

    public boolean bool(String key) {
        return Boolean.parseBoolean(text(key));
    }

    /** Every parameter with its effective value, in declaration order (written next to the results). */
    public Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    private static void zeroMix(Map<String, String> v) {
        for (String k : v.keySet()) if (k.startsWith(Parameters.MIX_PREFIX)) v.put(k, "0.0");
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) m.put(k, p.getProperty(k));
        return m;
    }
}
