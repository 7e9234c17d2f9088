package io.peerdial.simulator.experiment;

/** A bad experiment file or override: names the offending key and what is valid (a usage error, exit 2). */
public final class ExperimentException extends IllegalArgumentException {

    private final String key;

    public ExperimentException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The parameter at fault, or null when the problem is the file itself. */
    public String key() {
        return key;
    }
}
