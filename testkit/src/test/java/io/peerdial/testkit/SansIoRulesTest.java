package io.peerdial.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import io.peerdial.testkit.sansio.bad.AcceptsOnServerSocket;
import io.peerdial.testkit.sansio.bad.HoldsDatagramSocket;
import io.peerdial.testkit.sansio.bad.HoldsMulticastSocket;
import io.peerdial.testkit.sansio.bad.ReadsClockByReference;
import io.peerdial.testkit.sansio.bad.ReadsInstantNow;
import io.peerdial.testkit.sansio.bad.ReadsNanoTime;
import io.peerdial.testkit.sansio.bad.ReadsWallClock;
import io.peerdial.testkit.sansio.bad.SleepsOnThread;
import io.peerdial.testkit.sansio.bad.StartsThread;
import io.peerdial.testkit.sansio.bad.UsesChannel;
import io.peerdial.testkit.sansio.bad.UsesExecutor;
import io.peerdial.testkit.sansio.bad.UsesMathRandom;
import io.peerdial.testkit.sansio.bad.UsesThreadLocalRandom;
import io.peerdial.testkit.sansio.bad.UsesUnseededRandom;
import io.peerdial.testkit.sansio.good.kademlia.SeededCore;
import io.peerdial.testkit.sansio.good.runtime.UdpDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SansIoRulesTest {

    /** Imported once: resolving the JDK classes they use is the slow part. */
    private static final JavaClasses BAD = new ClassFileImporter().importPackages("io.peerdial.testkit.sansio.bad");

    @ParameterizedTest
    @ValueSource(classes = {HoldsDatagramSocket.class, HoldsMulticastSocket.class, AcceptsOnServerSocket.class,
            UsesChannel.class, SleepsOnThread.class, StartsThread.class, UsesExecutor.class, ReadsWallClock.class,
            ReadsNanoTime.class, ReadsClockByReference.class, ReadsInstantNow.class, UsesMathRandom.class,
            UsesThreadLocalRandom.class, UsesUnseededRandom.class})
    void eachForbiddenPracticeIsCaughtOnItsOwn(Class<?> bad) {
        JavaClasses classes = BAD.that(JavaClass.Predicates.belongToAnyOf(bad));
        assertThat(classes.contain(bad)).isTrue();
        EvaluationResult result = SansIoRules.noIoIn("io.peerdial.testkit.sansio..").evaluate(classes);
        assertThat(result.hasViolation()).as(bad.getSimpleName()).isTrue();
        assertThat(result.getFailureReport().toString()).contains(bad.getSimpleName());
        assertThat(SansIoRules.sansIoBelow("io.peerdial.testkit.sansio").evaluate(classes).hasViolation()).isTrue();
    }

    @Test
    void aSeededCoreAndADriverInARuntimePackagePass() {
        JavaClasses classes = new ClassFileImporter().importClasses(SeededCore.class, UdpDriver.class);
        assertThat(SansIoRules.sansIoBelow("io.peerdial.testkit.sansio.good").evaluate(classes).hasViolation()).isFalse();
        assertThat(SansIoRules.noIoIn("io.peerdial.testkit.sansio.good.runtime..").evaluate(classes).hasViolation())
                .as("the same driver outside an IO package is caught").isTrue();
    }

    @Test
    void ioPackagesAreRecognisedBySegmentBelowTheRoot() {
        assertThat(SansIoRules.isCore("io.peerdial.overlay", "io.peerdial.overlay")).isTrue();
        assertThat(SansIoRules.isCore("io.peerdial.overlay.kademlia", "io.peerdial.overlay")).isTrue();
        assertThat(SansIoRules.isCore("io.peerdial.overlay.runtime", "io.peerdial.overlay")).isFalse();
        assertThat(SansIoRules.isCore("io.peerdial.node.sip.transport", "io.peerdial.node")).isFalse();
        assertThat(SansIoRules.isCore("io.peerdial.overlayx", "io.peerdial.overlay")).isFalse();
        assertThat(SansIoRules.isCore("io.peerdial.overlay.ionic", "io.peerdial.overlay")).isTrue();
    }

    @Test
    void theTestkitItselfIsSansIo() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.peerdial.testkit");
        assertThat(main.contain(InMemoryNetwork.class)).isTrue();
        SansIoRules.sansIoBelow("io.peerdial.testkit").check(main);
    }
}
