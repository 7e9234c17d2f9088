package io.peerdial.simulator.io;

import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.experiment.ExperimentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds an experiment: a file path, or the name of one shipped in simulator/experiments/ (on the class path). */
public final class ExperimentFiles {

    /** Experiments shipped with the simulator. */
    public static final List<String> SHIPPED = List.of("lookup-scale", "churn", "nat-mix", "relay-load", "adversarial");

    private ExperimentFiles() {}

    public static Experiment load(String fileOrName) throws IOException {
        Path p = Path.of(fileOrName);
        if (Files.isRegularFile(p)) {
            try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                return Experiment.parse(r);
            }
        }
        String name = fileOrName.endsWith(".properties") ? fileOrName.substring(0, fileOrName.length() - 11) : fileOrName;
        InputStream in = ExperimentFiles.class.getResourceAsStream("/experiments/" + name + ".properties");
        if (in == null) {
            throw new ExperimentException(null, "no experiment file '" + fileOrName + "' and no shipped experiment of that name (shipped: "
                    + String.join(", ", SHIPPED) + ")");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return Experiment.parse(r);
        }
    }
}
