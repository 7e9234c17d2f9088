package io.peerdial.node.phone;

import java.io.IOException;
import java.net.InetAddress;

/** Opens one media leg per call. Implemented by the integrator on RTP, codecs and ICE. */
public interface MediaEngine extends AutoCloseable {

    /** A leg with its local RTP port bound on {@code localAddress}, playing/recording as {@code options} say. */
    CallMedia open(InetAddress localAddress, MediaOptions options) throws IOException;

    /** One word for the user ("none", "rtp", "ice"): the softphone prints {@code media: <describe()>}. */
    String describe();

    @Override
    default void close() {}
}
