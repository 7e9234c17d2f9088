package io.peerdial.testkit.sansio.bad;

import java.time.Instant;

/** Fixture: java.time's wall clock. */
public class ReadsInstantNow {
    Instant stamp() {
        return Instant.now();
    }
}
