package io.peerdial.testkit.sansio.bad;

import java.net.ServerSocket;
import java.net.Socket;

/** Fixture: TCP sockets. */
public class AcceptsOnServerSocket {
    Socket accept(ServerSocket server) throws java.io.IOException {
        return server.accept();
    }
}
