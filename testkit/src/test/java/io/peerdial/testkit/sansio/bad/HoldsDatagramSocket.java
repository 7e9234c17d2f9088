package io.peerdial.testkit.sansio.bad;

import java.net.DatagramSocket;

/** Fixture: a core that owns a socket (never instantiated). */
public class HoldsDatagramSocket {
    DatagramSocket socket;
}
