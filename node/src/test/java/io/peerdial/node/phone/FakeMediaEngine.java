package io.peerdial.node.phone;

import io.peerdial.node.media.sdp.Negotiated;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A media engine that moves no audio: it hands out distinct ports and records what the user agent told each leg. */
final class FakeMediaEngine implements MediaEngine {

    private final AtomicInteger nextPort;
    final List<Leg> legs = new CopyOnWriteArrayList<>();

    FakeMediaEngine(int firstPort) {
        this.nextPort = new AtomicInteger(firstPort);
    }

    @Override
    public CallMedia open(InetAddress localAddress, MediaOptions options) {
        Leg leg = new Leg(nextPort.getAndAdd(2));
        legs.add(leg);
        return leg;
    }

    @Override
    public String describe() {
        return "fake";
    }

    static final class Leg implements CallMedia {
        final int port;
        final List<Negotiated> starts = new CopyOnWriteArrayList<>();
        final List<String> dtmf = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        Leg(int port) {
            this.port = port;
        }

        @Override
        public int localPort() {
            return port;
        }

        @Override
        public void start(Negotiated agreed) {
            starts.add(agreed);
        }

        @Override
        public boolean sendDtmf(String digits) {
            dtmf.add(digits);
            return true;
        }

        @Override
        public MediaStats stats() {
            return new MediaStats(starts.size(), 0, 0, -1, -1);
        }

        @Override
        public void close() {
            closed = true;
        }

        Negotiated last() {
            return starts.get(starts.size() - 1);
        }
    }
}
