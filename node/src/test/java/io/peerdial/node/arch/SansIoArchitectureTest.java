package io.peerdial.node.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.peerdial.testkit.SansIoRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build check behind ARCHITECTURE.md's one rule: protocol cores own no sockets, channels,
 * threads, executors, sleeps, wall clock or global randomness. Core = every package of the
 * protocol modules except those named after the IO edge ({@link SansIoRules#IO_PACKAGE_NAMES}:
 * runtime, io, net, udp, transport, cli, daemon). It lives in {@code node} because only this module
 * sees every other one on its class path.
 */
class SansIoArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.peerdial");
    }

    @Test
    void overlayCoresAreSansIo() {
        SansIoRules.sansIoBelow("io.peerdial.overlay").check(classes);
    }

    @Test
    void locationCoresAreSansIo() {
        SansIoRules.sansIoBelow("io.peerdial.location").check(classes);
    }

    @Test
    void sipGlueOutsideItsTransportIsSansIo() {
        SansIoRules.sansIoBelow("io.peerdial.node.sip").check(classes);
    }

    /**
     * Only {@code media.rtp}, not all of {@code media}: the ICE media path will live in {@code media.ice},
     * which is not one of the IO package names, so checking the whole of {@code media} would fail on it.
     */
    @Test
    void rtpCoreIsSansIo() {
        SansIoRules.sansIoBelow("io.peerdial.node.media.rtp").check(classes);
    }

    @Test
    void callMediaCoreIsSansIo() {
        SansIoRules.sansIoBelow("io.peerdial.node.media.call").check(classes);
    }

    @Test
    void relayCoresAreSansIo() {
        SansIoRules.sansIoBelow("io.peerdial.relay").check(classes);
    }

    @Test
    void p2pCoresAreSansIo() {
        SansIoRules.sansIoBelow("io.peerdial.p2p").check(classes);
    }
}
