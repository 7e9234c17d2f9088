package io.peerdial.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.io.ExperimentFiles;
import io.peerdial.simulator.runtime.SimRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small versions of the shipped experiments (seconds, not minutes). */
class SimulationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Experiment small(String name, int nodes) throws Exception {
        return ExperimentFiles.load(name)
                .with("nodes", Integer.toString(nodes))
                .with("join.seconds", "60")
                .with("warmup", "60")
                .with("duration", "120")
                .with("lookups.perNodePerHour", "120");
    }

    private JsonNode run(Experiment e, String sub) throws Exception {
        Path out = dir.resolve(sub);
        SimRunner.run(e, out, null, false);
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void sameSeedGivesTheSameSummary() throws Exception {
        Experiment e = small("churn", 200).with("churn.medianSeconds", "120").with("duration", "60").with("seed", "7");
        ObjectNode a = (ObjectNode) run(e, "a");
        ObjectNode b = (ObjectNode) run(e, "b");
        for (String wall : new String[] {"wallSeconds", "eventsPerSecond", "heapPeakMb"}) {
            assertThat(a.has(wall)).isTrue();
            a.remove(wall);
            b.remove(wall);
        }
        assertThat(a).isEqualTo(b);
        ObjectNode c = (ObjectNode) run(e.with("seed", "8"), "c");
        assertThat(c.get("events")).isNotEqualTo(a.get("events")); // the seed matters
    }

    @Test
    void lookupsFindTheClosestNodeWithoutChurn() throws Exception {
        JsonNode s = run(small("lookup-scale", 500), "scale");
        for (String path : new String[] {"/seed", "/nodes", "/simulatedSeconds", "/wallSeconds", "/eventsPerSecond",
                "/heapPeakMb", "/lookups/total", "/lookups/successRate", "/lookups/hops/median", "/lookups/hops/p95",
                "/lookups/latencyMs/median", "/lookups/latencyMs/p95", "/lookups/latencyMs/p99",
                "/overhead/messagesPerNodePerSecond"}) {
            assertThat(s.at(path).isMissingNode()).as(path).isFalse();
        }
        assertThat(s.at("/nodes").asInt()).isEqualTo(500);
        assertThat(s.at("/lookups/total").asInt()).isGreaterThan(1000);
        assertThat(s.at("/lookups/successRate").asDouble()).isGreaterThanOrEqualTo(0.99);
        assertThat(s.at("/lookups/hops/median").asInt()).isBetween(1, 6);
        // latency is at least one round trip (median RTT 80 ms) and far below the RPC timeouts
        assertThat(s.at("/lookups/latencyMs/median").asInt()).isBetween(40, 3000);
        assertThat(Files.readAllLines(dir.resolve("scale/timeseries.csv")).size()).isGreaterThan(3);
    }

    @Test
    void churnReplacesNodesAndStillFindsValues() throws Exception {
        JsonNode s = run(small("churn", 300).with("churn.medianSeconds", "300").with("storage.putsPerSecond", "2")
                .with("storage.getsPerSecond", "4"), "churn");
        assertThat(s.at("/nodesCreated").asInt()).isGreaterThan(330); // leavers were replaced
        assertThat(s.at("/lookups/successRate").asDouble()).isGreaterThan(0.9);
        assertThat(s.at("/bindings/availability").asDouble()).isGreaterThan(0.8);
    }
}
