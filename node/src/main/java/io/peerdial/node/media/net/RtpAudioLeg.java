package io.peerdial.node.media.net;

import io.peerdial.node.media.audio.WavFile;
import io.peerdial.node.media.call.AudioCallCore;
import io.peerdial.node.media.call.CallStats;
import io.peerdial.node.media.call.OutboundDatagram;
import io.peerdial.node.media.sdp.Negotiated;
import io.peerdial.node.phone.CallMedia;
import io.peerdial.node.phone.MediaStats;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's media on UDP: an {@link AudioCallCore} driven by one thread. The thread waits on a selector
 * over the RTP socket (even port, RFC 3550 §11) and the RTCP socket (port + 1, used when rtcp-mux is not
 * agreed) until a datagram arrives or the core's next deadline ({@link AudioCallCore#pollTimeout()}), then
 * hands the core the datagrams and the time and sends what it polls. {@code now} is {@link System#nanoTime()}
 * in milliseconds. Calls from other threads ({@link #start}, {@link #sendDtmf}, {@link #stats}) take the
 * core's lock and wake the thread so a new deadline counts at once.
 */
final class RtpAudioLeg implements CallMedia {

    private static final Logger LOG = LoggerFactory.getLogger(RtpAudioLeg.class);
    private static final int MAX_DATAGRAM = 2048;
    private static final long JOIN_MILLIS = 3_000;

    private final Object lock = new Object();
    private final AudioCallCore core;
    private final Path record;
    private final List<AutoCloseable> devices;
    private final DatagramChannel rtp;
    private final DatagramChannel rtcp; // null when port + 1 could not be had: RTCP then only with rtcp-mux
    private final Selector selector;
    private final Thread driver;
    private final int port;
    private volatile boolean closing;
    private boolean closed;
    private boolean rtcpMux;

    RtpAudioLeg(InetAddress localAddress, AudioCallCore.Config config, Path record, List<AutoCloseable> devices)
            throws IOException {
        this.core = new AudioCallCore(config, new SecureRandom());
        this.record = record;
        this.devices = devices;
        RtpPorts ports = RtpPorts.bind(localAddress, true);
        this.rtp = ports.rtp();
        this.rtcp = ports.rtcp();
        this.port = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
        this.selector = Selector.open();
        try {
            rtp.configureBlocking(false);
            if (rtcp != null) rtcp.configureBlocking(false);
            rtp.register(selector, SelectionKey.OP_READ);
            if (rtcp != null) {
                rtcp.register(selector, SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            closeQuietly();
            throw e;
        }
        this.driver = new Thread(this::run, "rtp-" + localPort());
        driver.setDaemon(true);
        driver.start();
    }

    /** Wall-clock offset for the core's RTCP NTP timestamps: UNIX ms minus {@link #now()}. */
    static long wallClockOffset() {
        return System.currentTimeMillis() - now();
    }

    @Override
    public int localPort() {
        return port;
    }

    @Override
    public void start(Negotiated agreed) {
        synchronized (lock) {
            try {
                core.start(now(), agreed);
                rtcpMux = agreed.rtcpMux();
            } catch (IllegalArgumentException | IllegalStateException e) {
                LOG.warn("media not started: {}", e.getMessage());
                return;
            }
        }
        selector.wakeup();
    }

    @Override
    public boolean sendDtmf(String digits) {
        boolean queued;
        synchronized (lock) {
            try {
                queued = core.sendDtmf(digits);
            } catch (IllegalArgumentException | IllegalStateException e) { // not DTMF keys, too many queued
                LOG.info("dtmf not sent: {}", e.getMessage());
                return false;
            }
        }
        selector.wakeup();
        return queued;
    }

    @Override
    public MediaStats stats() {
        CallStats s = callStats();
        return new MediaStats(s.packetsSent(), s.packetsReceived(), s.packetsLost(), s.jitterMs(), s.rttMs());
    }

    /** The full counters of the core, including bad datagrams and digits. */
    CallStats callStats() {
        synchronized (lock) {
            return core.stats();
        }
    }

    @Override
    public String receivedDigits() {
        return callStats().digits();
    }

    /** Stops the thread (it sends the RTCP BYE on its way out), writes the recording, closes the sockets. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closing = true;
        selector.wakeup();
        try {
            driver.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (driver.isAlive()) {
            LOG.warn("media thread {} did not stop within {} ms", driver.getName(), JOIN_MILLIS);
        }
        closeQuietly();
        if (record != null) {
            try (OutputStream out = Files.newOutputStream(record)) {
                synchronized (lock) {
                    WavFile.write(out, core.recording());
                }
            } catch (IOException e) {
                LOG.warn("could not write the recording {}: {}", record, e.toString());
            }
        }
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        try {
            while (!closing) {
                long wait;
                synchronized (lock) {
                    long deadline = core.pollTimeout();
                    wait = deadline == Long.MAX_VALUE ? 1_000 : deadline - now();
                }
                if (wait > 0) {
                    selector.select(wait);
                } else {
                    selector.selectNow();
                }
                selector.selectedKeys().clear();
                receive(rtp, buffer);
                if (rtcp != null) {
                    receive(rtcp, buffer);
                }
                synchronized (lock) {
                    core.handleTimeout(now());
                    flush();
                }
            }
            synchronized (lock) {
                core.close(now()); // RFC 3550 §6.6: the BYE
                flush();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("media thread {} stopped: {}", Thread.currentThread().getName(), e.toString());
        }
    }

    private void receive(DatagramChannel channel, ByteBuffer buffer) throws IOException {
        while (true) {
            buffer.clear();
            if (channel.receive(buffer) == null) {
                return;
            }
            buffer.flip();
            byte[] datagram = Arrays.copyOf(buffer.array(), buffer.limit());
            synchronized (lock) {
                core.handleDatagram(now(), datagram);
            }
        }
    }

    /** Sends what the core queued; called holding the lock. */
    private void flush() {
        for (Optional<OutboundDatagram> next = core.pollTransmit(); next.isPresent(); next = core.pollTransmit()) {
            OutboundDatagram d = next.get();
            DatagramChannel channel = d.rtcp() && !rtcpMux && rtcp != null ? rtcp : rtp;
            try {
                channel.send(ByteBuffer.wrap(d.bytes()), new InetSocketAddress(InetAddress.getByName(d.host()), d.port()));
            } catch (IOException e) {
                LOG.debug("send to {}:{} failed: {}", d.host(), d.port(), e.toString());
            }
        }
    }

    private static long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    private void closeQuietly() {
        for (AutoCloseable c : new AutoCloseable[] {selector, rtp, rtcp}) {
            closeOne(c);
        }
        devices.forEach(RtpAudioLeg::closeOne);
    }

    private static void closeOne(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("close: {}", e.toString());
        }
    }
}
