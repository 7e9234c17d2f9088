package io.peerdial.node.media.sdp;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.peerdial.testkit.SansIoRules;
import org.junit.jupiter.api.Test;

/** The SDP package is a sans-IO core (ARCHITECTURE.md): no sockets, threads, clocks or global randomness. */
class SdpSansIoTest {

    @Test
    void sdpIsSansIo() {
        SansIoRules.sansIoBelow("io.peerdial.node.media.sdp").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.peerdial.node.media.sdp"));
    }
}
