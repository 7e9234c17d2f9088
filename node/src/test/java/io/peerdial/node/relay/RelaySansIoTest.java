package io.peerdial.node.relay;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.peerdial.testkit.SansIoRules;
import org.junit.jupiter.api.Test;

/** {@code io.peerdial.node.relay} is pure (its package-info says so): the receipt tracker included; drivers are in {@code runtime}. */
class RelaySansIoTest {

    private static final String PACKAGE = "io.peerdial.node.relay";

    @Test
    void relayGlueOutsideItsRuntimeIsSansIo() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PACKAGE);
        SansIoRules.sansIoBelow(PACKAGE).check(classes);
    }
}
