package io.peerdial.testkit.sansio.bad;

/** Fixture: sleeping instead of arming a timer. */
public class SleepsOnThread {
    void retryLater() throws InterruptedException {
        Thread.sleep(1_000);
    }
}
