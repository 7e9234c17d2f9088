package io.peerdial.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.experiment.ExperimentException;
import io.peerdial.simulator.io.ExperimentFiles;
import org.junit.jupiter.api.Test;

class ExperimentTest {

    @Test
    void shippedExperimentsLoadByName() throws Exception {
        assertThat(ExperimentFiles.load("lookup-scale").text("name")).isEqualTo("lookup-scale");
        assertThat(ExperimentFiles.load("churn").text("churn.model")).isEqualTo("weibull");
    }

    @Test
    void overridesApply() {
        Experiment e = Experiment.defaults().withAssignment("nodes=2000").withAssignment("duration=30").withAssignment("seed=9");
        assertThat(e.integer("nodes")).isEqualTo(2000);
        assertThat(e.decimal("duration")).isEqualTo(30.0);
        assertThat(e.longValue("seed")).isEqualTo(9L);
    }

    @Test
    void badOverridesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> Experiment.defaults().withAssignment("nodez=10"))
                .isInstanceOf(ExperimentException.class).hasMessageContaining("nodez")
                .satisfies(t -> assertThat(((ExperimentException) t).key()).isEqualTo("nodez"));
        assertThatThrownBy(() -> Experiment.defaults().withAssignment("nodes=ten"))
                .isInstanceOf(ExperimentException.class).hasMessageContaining("nodes").hasMessageContaining("ten");
        assertThatThrownBy(() -> Experiment.defaults().withAssignment("nodes=0")).hasMessageContaining("nodes");
        assertThatThrownBy(() -> Experiment.defaults().withAssignment("churn.model=sometimes")).hasMessageContaining("weibull");
        assertThatThrownBy(() -> Experiment.defaults().withAssignment("noequals")).isInstanceOf(ExperimentException.class);
        assertThatThrownBy(() -> Experiment.parse("bogus = 1")).hasMessageContaining("bogus");
        assertThatThrownBy(() -> ExperimentFiles.load("no-such-experiment")).hasMessageContaining("no-such-experiment");
    }
}
