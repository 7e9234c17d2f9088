package io.peerdial.testkit.sansio.bad;

import java.nio.channels.DatagramChannel;

/** Fixture: NIO channels. */
public class UsesChannel {
    DatagramChannel channel;
}
