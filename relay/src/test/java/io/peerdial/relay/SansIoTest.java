package io.peerdial.relay;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.peerdial.testkit.SansIoRules;

/** The TURN codec and core do no IO; only io.peerdial.relay.runtime may (ARCHITECTURE.md). */
@AnalyzeClasses(packages = "io.peerdial.relay", importOptions = ImportOption.DoNotIncludeTests.class)
class SansIoTest {
    @ArchTest
    static final ArchRule cores = SansIoRules.sansIoBelow("io.peerdial.relay");
}
