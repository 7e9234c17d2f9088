package io.peerdial.testkit.sansio.good.runtime;

import java.net.DatagramSocket;

/** Fixture: a driver in a `runtime` package may own sockets and read the clock. */
public class UdpDriver {
    DatagramSocket socket;

    long now() {
        return System.nanoTime() / 1_000_000;
    }
}
