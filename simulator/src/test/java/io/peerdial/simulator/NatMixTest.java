package io.peerdial.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerdial.simulator.engine.ConnectivitySimulation;
import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.experiment.ExperimentException;
import io.peerdial.simulator.ice.Outcome;
import io.peerdial.simulator.io.ExperimentFiles;
import io.peerdial.simulator.metrics.CallMetrics;
import io.peerdial.simulator.net.NodeMix;
import io.peerdial.simulator.runtime.SimRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nat-mix experiment: the issue's analytic check, PORT_RESTRICTED↔SYMMETRIC, parameters, determinism. */
class NatMixTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static CallMetrics run(Experiment e) {
        ConnectivitySimulation sim = new ConnectivitySimulation(e);
        sim.run(null);
        return sim.metrics();
    }

    private static double share(CallMetrics m, Outcome o) {
        return m.count(o) / (double) m.total();
    }

    /**
     * Issue #7: PUBLIC 10%, ADDRESS_RESTRICTED 30%, SYMMETRIC 30%, UDP_BLOCKED 30%, 100,000 calls.
     * A call touching a UDP-blocked node can only use that node's TCP relay: 1 − 0.7² = 51%;
     * symmetric↔symmetric needs a UDP relay: 0.3² = 9%; the rest connect directly: 40%.
     */
    @Test
    void issueMixMatchesTheAnalysis() throws Exception {
        CallMetrics m = run(ExperimentFiles.load("nat-mix").with("calls", "100000"));
        assertThat(m.total()).isEqualTo(100_000);
        assertThat(share(m, Outcome.RELAY_TCP)).isCloseTo(0.51, within(0.01));
        assertThat(share(m, Outcome.RELAY_UDP)).isCloseTo(0.09, within(0.01));
        assertThat(share(m, Outcome.DIRECT)).isCloseTo(0.40, within(0.01));
        assertThat(m.count(Outcome.FAILED)).isZero();
        // and per pair, exactly what the behaviours imply, not just on average
        for (NodeMix a : NodeMix.values()) {
            for (NodeMix b : NodeMix.values()) {
                long n = m.count(a, b);
                if (n == 0) continue;
                Outcome expected = a == NodeMix.UDP_BLOCKED || b == NodeMix.UDP_BLOCKED ? Outcome.RELAY_TCP
                        : a == NodeMix.SYMMETRIC && b == NodeMix.SYMMETRIC ? Outcome.RELAY_UDP : Outcome.DIRECT;
                assertThat(m.count(a, b, expected)).as(a + "-" + b).isEqualTo(n);
            }
        }
    }

    /**
     * docs/SIMULATOR.md: PORT_RESTRICTED↔SYMMETRIC needs a relay (the symmetric side's mapping towards the
     * port-restricted peer is a new port nobody told the peer about, and the port-restricted filter refuses
     * it); PORT_RESTRICTED↔PORT_RESTRICTED and SYMMETRIC↔PUBLIC connect directly.
     */
    @Test
    void portRestrictedToSymmetricNeedsARelay() throws Exception {
        CallMetrics m = run(ExperimentFiles.load("nat-mix").with("calls", "3000").with("nodes", "1000").with("duration", "300")
                .with("mix.PORT_RESTRICTED", "0.4").with("mix.SYMMETRIC", "0.3").with("mix.ADDRESS_RESTRICTED", "0.15")
                .with("mix.PUBLIC", "0.15"));
        assertThat(m.count(NodeMix.PORT_RESTRICTED, NodeMix.SYMMETRIC)).isGreaterThan(500);
        assertThat(m.count(NodeMix.PORT_RESTRICTED, NodeMix.SYMMETRIC, Outcome.RELAY_UDP))
                .isEqualTo(m.count(NodeMix.PORT_RESTRICTED, NodeMix.SYMMETRIC));
        assertThat(m.count(NodeMix.PORT_RESTRICTED, NodeMix.PORT_RESTRICTED, Outcome.DIRECT))
                .isEqualTo(m.count(NodeMix.PORT_RESTRICTED, NodeMix.PORT_RESTRICTED)).isPositive();
        assertThat(m.count(NodeMix.PORT_RESTRICTED, NodeMix.ADDRESS_RESTRICTED, Outcome.DIRECT))
                .isEqualTo(m.count(NodeMix.PORT_RESTRICTED, NodeMix.ADDRESS_RESTRICTED)).isPositive();
        assertThat(m.count(NodeMix.PUBLIC, NodeMix.SYMMETRIC, Outcome.DIRECT))
                .isEqualTo(m.count(NodeMix.PUBLIC, NodeMix.SYMMETRIC)).isPositive();
    }

    @Test
    void fullConeAndAddressRestrictedConnectToEveryUdpKindDirectly() throws Exception {
        CallMetrics m = run(ExperimentFiles.load("nat-mix").with("calls", "3000").with("nodes", "1000").with("duration", "300")
                .with("mix.FULL_CONE", "0.5").with("mix.SYMMETRIC", "0.5"));
        assertThat(m.count(Outcome.DIRECT)).isEqualTo(m.total() - m.count(NodeMix.SYMMETRIC, NodeMix.SYMMETRIC));
    }

    @Test
    void sameSeedSameSummaryAndFilesWritten() throws Exception {
        Experiment e = ExperimentFiles.load("nat-mix").with("calls", "2000").with("nodes", "500").with("seed", "5");
        ObjectNode a = (ObjectNode) summary(e, "a", true);
        ObjectNode b = (ObjectNode) summary(e, "b", false);
        for (String wall : new String[] {"wallSeconds", "eventsPerSecond", "heapPeakMb"}) {
            assertThat(a.has(wall)).isTrue();
            a.remove(wall);
            b.remove(wall);
        }
        assertThat(a).isEqualTo(b);
        for (String key : new String[] {"direct", "relayUdp", "relayTcp", "failed"}) {
            assertThat(a.at("/calls/outcome/" + key).isNumber()).as(key).isTrue();
        }
        assertThat(a.at("/calls/total").asLong()).isEqualTo(2000);
        assertThat(Files.readAllLines(dir.resolve("a/calls-by-nat-pair.csv")).get(0))
                .isEqualTo("kindA,kindB,calls,shareOfCalls,direct,relayUdp,relayTcp,failed");
        assertThat(dir.resolve("a/call-outcomes-by-nat-pair.png")).isNotEmptyFile();
        ObjectNode c = (ObjectNode) summary(e.with("seed", "6"), "c", false);
        assertThat(c.get("events")).isNotEqualTo(a.get("events"));
    }

    private JsonNode summary(Experiment e, String sub, boolean plots) throws Exception {
        SimRunner.run(e, dir.resolve(sub), null, plots);
        return JSON.readTree(dir.resolve(sub).resolve("summary.json").toFile());
    }

    @Test
    void mixParametersAreCheckedAndNamed() throws Exception {
        Experiment e = ExperimentFiles.load("nat-mix").withAssignment("mix.SYMMETRIC=1");
        assertThat(e.decimal("mix.PUBLIC")).isZero(); // unspecified names are 0 once any mix. is set
        assertThat(e.decimal("mix.UDP_BLOCKED")).isZero();
        assertThat(e.withAssignment("mix.PUBLIC=0.5").decimal("mix.SYMMETRIC")).isEqualTo(1.0); // later sets add, not reset
        assertThatThrownBy(() -> e.withAssignment("mix.NATTED=0.5")).isInstanceOf(ExperimentException.class)
                .hasMessageContaining("mix.NATTED");
        assertThatThrownBy(() -> e.withAssignment("mix.PUBLIC=lots")).hasMessageContaining("mix.PUBLIC").hasMessageContaining("lots");
        assertThatThrownBy(() -> e.withAssignment("mix.PUBLIC=1.5")).hasMessageContaining("mix.PUBLIC");
        assertThatThrownBy(() -> e.withAssignment("calls=0")).hasMessageContaining("calls");
        assertThatThrownBy(() -> new ConnectivitySimulation(e.withAssignment("mix.PUBLIC=0.5")))
                .isInstanceOf(ExperimentException.class).hasMessageContaining("sum to 1").hasMessageContaining("mix.PUBLIC=0.5")
                .satisfies(t -> assertThat(((ExperimentException) t).key()).isEqualTo("mix"));
        // no mix. key at all: the defaults (the issue's mix) apply
        assertThat(Experiment.defaults().decimal("mix.PUBLIC")).isEqualTo(0.1);
    }
}
