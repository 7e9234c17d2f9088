package io.peerdial.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.experiment.ExperimentException;
import io.peerdial.simulator.io.ExperimentFiles;
import io.peerdial.simulator.runtime.SimRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small version of the shipped {@code adversarial} experiment. */
class AdversarialTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Experiment small(String behaviour) throws Exception {
        return ExperimentFiles.load("adversarial").with("nodes", "200").with("join.seconds", "60").with("warmup", "60")
                .with("duration", "120").with("lookups.perNodePerHour", "240").with("adversary.behaviour", behaviour)
                .with("adversary.fractions", "0,0.7").with("adversary.paths", "1,4");
    }

    private JsonNode run(Experiment e, String sub) throws Exception {
        SimRunner.run(e, dir.resolve(sub), null, true);
        return JSON.readTree(dir.resolve(sub).resolve("summary.json").toFile());
    }

    private static JsonNode point(JsonNode s, int paths, double fraction) {
        for (JsonNode p : s.at("/adversarial/points")) {
            if (p.get("disjointPaths").asInt() == paths && p.get("fraction").asDouble() == fraction) return p;
        }
        throw new AssertionError("no point d=" + paths + " f=" + fraction);
    }

    private static double success(JsonNode s, int paths, double fraction) {
        return point(s, paths, fraction).get("successRate").asDouble();
    }

    @Test
    void misroutingAdversariesHurtSinglePathLookupsMoreThanDisjointOnes() throws Exception {
        JsonNode s = run(small("misroute"), "misroute");
        assertThat(s.at("/adversarial/behaviour").asText()).isEqualTo("misroute");
        assertThat(s.at("/adversarial/points").size()).isEqualTo(4);
        assertThat(success(s, 1, 0.0)).isGreaterThanOrEqualTo(0.99);
        assertThat(success(s, 4, 0.0)).isGreaterThanOrEqualTo(0.99);
        double single = success(s, 1, 0.7), disjoint = success(s, 4, 0.7);
        assertThat(single).isLessThan(success(s, 1, 0.0)); // the attack works
        assertThat(disjoint).isGreaterThan(single); // and disjoint paths resist it better
        assertThat(s.at("/adversarial/toleratedFraction90/d1").isNumber()).isTrue();
        List<String> csv = Files.readAllLines(dir.resolve("misroute/adversarial.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).startsWith("disjointPaths,fraction,lookups,successRate");
        assertThat(dir.resolve("misroute/adversarial-success.png")).isNotEmptyFile();
    }

    @Test
    void droppingAdversariesCostTimeOuts() throws Exception {
        // a withheld answer is a time-out: the lookup routes around it (success stays high) but pays in latency
        JsonNode s = run(small("drop").with("adversary.paths", "1"), "drop");
        assertThat(point(s, 1, 0.7).get("latencyMedianMs").asInt()).isGreaterThan(point(s, 1, 0.0).get("latencyMedianMs").asInt());
    }

    @Test
    void sameSeedSameCurve() throws Exception {
        Experiment e = small("wrong-values").with("adversary.paths", "2").with("adversary.fractions", "0.5").with("nodes", "120");
        JsonNode a = run(e, "a"), b = run(e, "b");
        assertThat(a.at("/adversarial")).isEqualTo(b.at("/adversarial"));
        assertThat(a.at("/events")).isEqualTo(b.at("/events"));
    }

    @Test
    void badSweepListsAreUsageErrorsNamingTheKey() throws Exception {
        assertThatThrownBy(() -> run(small("drop").with("adversary.fractions", "0,x"), "bad"))
                .isInstanceOf(ExperimentException.class).hasMessageContaining("adversary.fractions");
        assertThatThrownBy(() -> run(small("drop").with("adversary.paths", "0"), "bad2"))
                .isInstanceOf(ExperimentException.class).hasMessageContaining("adversary.paths");
    }
}
