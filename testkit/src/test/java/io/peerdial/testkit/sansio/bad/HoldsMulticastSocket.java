package io.peerdial.testkit.sansio.bad;

import java.net.MulticastSocket;

/** Fixture: a multicast socket is a datagram socket. */
public class HoldsMulticastSocket {
    void join(MulticastSocket socket) {
    }
}
