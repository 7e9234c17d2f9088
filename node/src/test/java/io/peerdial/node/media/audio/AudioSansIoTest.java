package io.peerdial.node.media.audio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.peerdial.testkit.SansIoRules;
import org.junit.jupiter.api.Test;

/** The audio package is a sans-IO core: no clock, threads or sockets, and no file system either. */
class AudioSansIoTest {

    private static final String PACKAGE = "io.peerdial.node.media.audio";

    @Test
    void audioIsSansIoAndTouchesNoFiles() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PACKAGE);
        SansIoRules.sansIoBelow(PACKAGE).check(classes);
        noClasses().that().resideInAPackage(PACKAGE)
                .should().dependOnClassesThat().resideInAPackage("java.nio.file..")
                .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.(File|RandomAccessFile).*")
                .orShould().dependOnClassesThat().resideInAPackage("io.peerdial.node.media.rtp..")
                .check(classes);
    }
}
