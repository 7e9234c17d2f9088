package io.peerdial.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerdial.simulator.churn.ChurnTrace;
import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.experiment.ExperimentException;
import io.peerdial.simulator.io.ExperimentFiles;
import io.peerdial.simulator.runtime.SimRunner;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Churn from a trace file: the format, its errors, and a run driven by the shipped sample. */
class ChurnTraceTest {

    @TempDir
    Path dir;

    @Test
    void parsesSessionsSortedByJoinTime() throws Exception {
        ChurnTrace t = ChurnTrace.parse(new StringReader("# comment\n\nb,5,10\na,1.5,-\nb,12,\n"));
        assertThat(t.sessions()).containsExactly(new ChurnTrace.Session("a", 1500, Long.MAX_VALUE),
                new ChurnTrace.Session("b", 5000, 10000), new ChurnTrace.Session("b", 12000, Long.MAX_VALUE));
    }

    @Test
    void badLinesNameTheLineAndTheKey() {
        for (String bad : new String[] {"a,1", "a,x,2", "a,5,4", "a b,1,2", "a,1,5\na,4,9", "a,-1,2"}) {
            assertThatThrownBy(() -> ChurnTrace.parse(new StringReader(bad))).as(bad)
                    .isInstanceOf(ExperimentException.class).hasMessageContaining("trace line")
                    .satisfies(e -> assertThat(((ExperimentException) e).key()).isEqualTo("churn.trace"));
        }
    }

    @Test
    void theSampleTraceDrivesArrivalsAndDepartures() throws Exception {
        long sessions = ChurnTrace.load("traces/sample.csv").sessions().size();
        Experiment e = ExperimentFiles.load("churn").with("churn.model", "trace").with("churn.trace", "traces/sample.csv")
                .with("nodes", "50").with("join.seconds", "60").with("warmup", "60").with("duration", "540")
                .with("lookups.perNodePerHour", "120").with("storage.putsPerSecond", "0").with("storage.getsPerSecond", "0");
        SimRunner.run(e, dir, null, false);
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(s.at("/nodesCreated").asLong()).isEqualTo(sessions); // one node per session, no replacements
        assertThat(s.at("/lookups/successRate").asDouble()).isGreaterThan(0.9);
        // the online count follows the trace: 60 at first, fewer after the departures
        var rows = Files.readAllLines(dir.resolve("timeseries.csv"));
        double first = Double.parseDouble(rows.get(3).split(",")[1]);
        double min = rows.stream().skip(3).mapToDouble(r -> Double.parseDouble(r.split(",")[1])).min().orElseThrow();
        assertThat(first).isEqualTo(60);
        assertThat(min).isLessThan(60);
    }

    @Test
    void traceModelNeedsAFile() throws Exception {
        Experiment e = Experiment.defaults().with("churn.model", "trace");
        assertThatThrownBy(() -> SimRunner.run(e, dir, null, false)).isInstanceOf(ExperimentException.class)
                .hasMessageContaining("churn.trace");
    }
}
