package io.peerdial.location.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md, "the one rule": only the io package of this module touches files, clocks or threads. */
class SansIoTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.peerdial.location");

    @Test
    void coresDoNoIo() {
        noClasses().that().resideInAPackage("io.peerdial.location..").and().resideOutsideOfPackage("io.peerdial.location.io..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..")
                .orShould().dependOnClassesThat().belongToAnyOf(java.io.File.class, java.io.FileInputStream.class, java.io.FileOutputStream.class,
                        java.io.RandomAccessFile.class, Thread.class, java.net.Socket.class, java.net.DatagramSocket.class,
                        java.util.concurrent.Executor.class, java.util.Random.class, java.time.Clock.class)
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Math.class, "random")
                .check(classes);
    }
}
