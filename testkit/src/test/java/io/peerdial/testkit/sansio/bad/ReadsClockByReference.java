package io.peerdial.testkit.sansio.bad;

import java.util.function.LongSupplier;

/** Fixture: the clock smuggled in as a method reference. */
public class ReadsClockByReference {
    LongSupplier clock = System::currentTimeMillis;
}
