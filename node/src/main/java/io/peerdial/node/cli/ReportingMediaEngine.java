package io.peerdial.node.cli;

import io.peerdial.node.media.sdp.Attribute;
import io.peerdial.node.media.sdp.Negotiated;
import io.peerdial.node.phone.CallMedia;
import io.peerdial.node.phone.MediaEngine;
import io.peerdial.node.phone.MediaOptions;
import io.peerdial.node.phone.MediaStats;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Wraps the softphone's media engine to print each leg's call quality (loss, jitter, RTT from RTCP)
 * every {@code period} while it runs, when one is given, and its final counters and received DTMF
 * when it closes.
 */
final class ReportingMediaEngine implements MediaEngine {

    /** Runs a task every period until the returned handle is closed. */
    @FunctionalInterface
    interface Ticker {
        AutoCloseable every(Duration period, Runnable task);

        /** One daemon thread for every leg of the phone. */
        static Ticker daemon() {
            java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "peerdial-phone-quality");
                t.setDaemon(true);
                return t;
            });
            return (period, task) -> {
                var f = timer.scheduleAtFixedRate(task, period.toMillis(), period.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            };
        }
    }

    private final MediaEngine engine;
    private final Consumer<String> out;
    private final Duration period;
    private final Ticker ticker;

    /** {@code out} prints one line and is safe from any thread (PhoneConsole::println). No periodic quality lines. */
    ReportingMediaEngine(MediaEngine engine, Consumer<String> out) {
        this(engine, out, Duration.ZERO, null);
    }

    /** With a quality line per leg every {@code period} (zero: none) on {@code ticker}. */
    ReportingMediaEngine(MediaEngine engine, Consumer<String> out, Duration period, Ticker ticker) {
        this.engine = engine;
        this.out = out;
        this.period = period;
        this.ticker = ticker;
    }

    @Override
    public CallMedia open(InetAddress localAddress, MediaOptions options) throws IOException {
        CallMedia leg = engine.open(localAddress, options);
        return new CallMedia() {
            private boolean closed;
            private AutoCloseable quality;

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
                synchronized (this) {
                    if (quality == null && !closed && ticker != null && !period.isZero()) {
                        quality = ticker.every(period, () -> out.accept("quality " + engine.describe() + ": " + leg.stats()));
                    }
                }
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
                    if (quality != null) {
                        try {
                            quality.close();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
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
