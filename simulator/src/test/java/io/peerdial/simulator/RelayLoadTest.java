package io.peerdial.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.experiment.ExperimentException;
import io.peerdial.simulator.io.ExperimentFiles;
import io.peerdial.simulator.runtime.SimRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay-load experiment: both policies, the contract keys, determinism, load spread, usage errors. */
class RelayLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The shipped experiment at a fifth of its nodes and calls per node-hour kept: ~3.4 sessions per relay. */
    private static Experiment small(String policy) throws Exception {
        return ExperimentFiles.load("relay-load").with("nodes", "1000").with("calls", "5000").with("duration", "1800")
                .with("relay.policy", policy);
    }

    private JsonNode summary(Experiment e, String sub, boolean plots) throws Exception {
        SimRunner.run(e, dir.resolve(sub), null, plots);
        return JSON.readTree(dir.resolve(sub).resolve("summary.json").toFile());
    }

    @Test
    void incentiveSpreadsLoadMoreEvenlyThanNaive() throws Exception {
        JsonNode naive = summary(small("naive"), "naive", true);
        JsonNode incentive = summary(small("incentive"), "incentive", false);
        for (JsonNode s : List.of(naive, incentive)) {
            assertThat(s.at("/calls/total").asLong()).isEqualTo(5000);
            for (String key : new String[] {"direct", "relayUdp", "relayTcp", "failed"}) {
                assertThat(s.at("/calls/outcome/" + key).isNumber()).as(key).isTrue();
            }
            assertThat(s.at("/relay/load/gini").isNumber()).isTrue();
            assertThat(s.at("/relay/load/maxOverMean").asDouble()).isGreaterThanOrEqualTo(1.0);
            assertThat(s.at("/relay/publicNodes").asInt()).isEqualTo(100);
            assertThat(s.at("/relay/freeRiders").asInt()).isEqualTo(20);
        }
        // the ICE model decides which calls need a relay, whatever the policy
        assertThat(incentive.at("/calls/outcome/direct")).isEqualTo(naive.at("/calls/outcome/direct"));
        assertThat(incentive.at("/relay/relayedCalls")).isEqualTo(naive.at("/relay/relayedCalls"));
        assertThat(naive.at("/relay/refusedShare").asDouble()).isZero(); // far below the hard maximum
        assertThat(naive.at("/calls/outcome/failed").asDouble()).isZero();
        double naiveMax = naive.at("/relay/load/maxOverMean").asDouble();
        double incentiveMax = incentive.at("/relay/load/maxOverMean").asDouble();
        System.err.printf("relay-load small: maxOverMean naive %.4f incentive %.4f, gini naive %.4f incentive %.4f%n", naiveMax,
                incentiveMax, naive.at("/relay/load/gini").asDouble(), incentive.at("/relay/load/gini").asDouble());
        assertThat(incentiveMax).isLessThan(naiveMax);
        assertThat(incentive.at("/relay/load/gini").asDouble()).isLessThan(naive.at("/relay/load/gini").asDouble());

        List<String> csv = Files.readAllLines(dir.resolve("naive/relay-load.csv"));
        assertThat(csv.get(0)).isEqualTo("rank,node,freeRider,bytesRelayed,sessionSeconds,sessions,peakSessions,refusals,balanceBytes");
        assertThat(csv).hasSize(1 + 100);
        long freeRiderRows = csv.stream().skip(1).filter(l -> l.split(",")[2].equals("true")).count();
        assertThat(freeRiderRows).isEqualTo(20);
        assertThat(csv.stream().skip(1).filter(l -> l.split(",")[2].equals("true")).map(l -> l.split(",")[3])).containsOnly("0");
        assertThat(dir.resolve("naive/relay-load-per-node.png")).isNotEmptyFile();
        assertThat(dir.resolve("incentive/relay-load-per-node.png")).doesNotExist(); // --no-plots
    }

    @Test
    void sameSeedSameSummary() throws Exception {
        Experiment e = small("incentive").with("seed", "9").with("calls", "2000");
        ObjectNode a = (ObjectNode) summary(e, "a", false);
        ObjectNode b = (ObjectNode) summary(e, "b", false);
        for (String wall : new String[] {"wallSeconds", "eventsPerSecond", "heapPeakMb"}) {
            a.remove(wall);
            b.remove(wall);
        }
        assertThat(a).isEqualTo(b);
        assertThat(Files.readAllLines(dir.resolve("a/relay-load.csv"))).isEqualTo(Files.readAllLines(dir.resolve("b/relay-load.csv")));
    }

    @Test
    void badRelayKeysAreUsageErrorsNamingTheKey() throws Exception {
        Experiment e = ExperimentFiles.load("relay-load");
        assertThatThrownBy(() -> e.withAssignment("relay.policy=greedy")).isInstanceOf(ExperimentException.class)
                .hasMessageContaining("relay.policy").hasMessageContaining("greedy");
        assertThatThrownBy(() -> e.withAssignment("relay.caps=3")).isInstanceOf(ExperimentException.class)
                .hasMessageContaining("relay.caps");
        assertThatThrownBy(() -> e.withAssignment("relay.freeRiders=1.5")).hasMessageContaining("relay.freeRiders");
        assertThatThrownBy(() -> e.withAssignment("relay.maxSessions=0")).hasMessageContaining("relay.maxSessions");
        assertThatThrownBy(() -> e.withAssignment("relay.tries=many")).hasMessageContaining("relay.tries");
        // every public node a free rider: nobody relays
        assertThatThrownBy(() -> SimRunner.run(e.with("relay.freeRiders", "1").with("nodes", "100").with("calls", "10"),
                dir.resolve("x"), null, false)).isInstanceOf(ExperimentException.class)
                .satisfies(t -> assertThat(((ExperimentException) t).key()).isEqualTo("relay.policy"));
        // relay load is measured on the connectivity model only
        assertThatThrownBy(() -> SimRunner.run(Experiment.defaults().with("relay.policy", "naive"), dir.resolve("y"), null, false))
                .isInstanceOf(ExperimentException.class).hasMessageContaining("relay.policy").hasMessageContaining("connectivity");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
