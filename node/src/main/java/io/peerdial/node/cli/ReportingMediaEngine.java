package io.peerdial.node.cli;

import io.peerdial.node.media.sdp.Attribute;
import io.peerdial.node.media.sdp.Negotiated;
import io.peerdial.node.phone.CallMedia;
import io.peerdial.node.phone.MediaEngine;
import io.peerdial.node.phone.MediaOptions;
import io.peerdial.node.phone.MediaStats;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Consumer;

/** Wraps the softphone's media engine to print each leg's final counters and received DTMF when it closes. */
final class ReportingMediaEngine implements MediaEngine {

    private final MediaEngine engine;
    private final Consumer<String> out;

    /** {@code out} prints one line and is safe from any thread (PhoneConsole::println). */
    ReportingMediaEngine(MediaEngine engine, Consumer<String> out) {
        this.engine = engine;
        this.out = out;
    }

    @Override
    public CallMedia open(InetAddress localAddress, MediaOptions options) throws IOException {
        CallMedia leg = engine.open(localAddress, options);
        return new CallMedia() {
            private boolean closed;

            @Override
            public int localPort() {
                return leg.localPort();
            }

            @Override
            public List<Attribute> sdpAttributes() {
                return leg.sdpAttributes();
            }

            @Override
            public void start(Negotiated agreed) {
                leg.start(agreed);
            }

            @Override
            public boolean sendDtmf(String digits) {
                return leg.sendDtmf(digits);
            }

            @Override
            public MediaStats stats() {
                return leg.stats();
            }

            @Override
            public String receivedDigits() {
                return leg.receivedDigits();
            }

            @Override
            public void close() {
                leg.close();
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                }
                String digits = leg.receivedDigits();
                out.accept("media " + engine.describe() + ": " + leg.stats()
                        + (digits.isEmpty() ? "" : ", dtmf received " + digits));
            }
        };
    }

    @Override
    public String describe() {
        return engine.describe();
    }

    @Override
    public void close() {
        engine.close();
    }
}
