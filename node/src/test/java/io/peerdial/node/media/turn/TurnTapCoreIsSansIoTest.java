package io.peerdial.node.media.turn;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.peerdial.testkit.SansIoRules;
import org.junit.jupiter.api.Test;

/** The tap's framing and counting are sans-IO; only {@code media.turn.net} owns sockets and the thread. */
class TurnTapCoreIsSansIoTest {

    @Test
    void framingAndMeteringDoNoIo() {
        SansIoRules.sansIoBelow("io.peerdial.node.media.turn").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.peerdial.node.media.turn"));
    }
}
