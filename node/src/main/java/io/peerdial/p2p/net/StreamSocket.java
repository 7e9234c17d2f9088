package io.peerdial.p2p.net;

import io.peerdial.p2p.stream.StreamConfig;
import io.peerdial.p2p.stream.StreamConnection;
import io.peerdial.p2p.stream.StreamEvent;
import io.peerdial.p2p.stream.StreamStats;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking byte stream over a {@link DatagramPath}: drives one {@link StreamConnection}.
 *
 * <p>How it runs: one lock guards the connection. The path's receive thread feeds datagrams in, application
 * threads call read/write, and one timer thread of this socket sleeps until the connection's next deadline;
 * whoever touched the connection then sends what it has to send (on the calling thread, under the lock) and
 * wakes the threads waiting for data, buffer space or the end. Time is a monotonic clock in milliseconds.
 *
 * <p>Errors: a reset by the peer, an idle timeout or our own abort make reads and writes throw
 * {@link SocketException}; a read or write that waits longer than its timeout throws
 * {@link SocketTimeoutException} (and the socket stays usable, as with {@link java.net.Socket}).
 */
public final class StreamSocket implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSocket.class);

    private final StreamConnection connection;
    private final DatagramPath path;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition timerChanged = lock.newCondition();
    private final Thread timer;
    private final long origin = System.nanoTime();
    private final InputStream in = new In();
    private final OutputStream out = new Out();
    private volatile long readTimeoutMillis;
    private volatile long writeTimeoutMillis;
    private volatile long lingerMillis = 5_000;
    private long timerDeadline = StreamConnection.NO_TIMEOUT;
    private boolean stopped;

    private StreamSocket(DatagramPath path, StreamConfig config, int connectionId) {
        this.path = path;
        this.connection = new StreamConnection(config, connectionId, 0);
        this.timer = new Thread(this::timerLoop, "p2p-stream-" + connectionId);
        this.timer.setDaemon(true);
    }

    /** Starts a stream with connection id (epoch) {@code connectionId} over {@code path}, which it then owns. */
    public static StreamSocket open(DatagramPath path, StreamConfig config, int connectionId) {
        StreamSocket s = new StreamSocket(Objects.requireNonNull(path, "path"), Objects.requireNonNull(config, "config"),
                connectionId);
        s.timer.start();
        path.start(s::onDatagram);
        return s;
    }

    public InputStream getInputStream() {
        return in;
    }

    public OutputStream getOutputStream() {
        return out;
    }

    /** Longest wait of one read, in milliseconds; 0 waits forever (the default). */
    public void setReadTimeout(long millis) {
        readTimeoutMillis = requireNonNegative(millis);
    }

    /** Longest wait for send-buffer space during one write, in milliseconds; 0 waits forever (the default). */
    public void setWriteTimeout(long millis) {
        writeTimeoutMillis = requireNonNegative(millis);
    }

    /** How long {@link #close} waits for the clean end (5 s by default) before it aborts. */
    public void setLinger(long millis) {
        lingerMillis = requireNonNegative(millis);
    }

    /** Sends our FIN after the data written so far; reading goes on. */
    public void shutdownOutput() {
        lock.lock();
        try {
            connection.close();
            drive();
        } finally {
            lock.unlock();
        }
    }

    /** Aborts both directions: the peer gets an RST with {@code code}, then the socket is released. */
    public void abort(int code) {
        lock.lock();
        try {
            connection.abort(code);
            drive();
        } finally {
            lock.unlock();
        }
        release();
    }

    /**
     * Ends our direction and waits up to the linger time for both directions to end cleanly (all our data
     * acknowledged, the peer's FIN received); aborts with code 0 if they do not. Then releases the path.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            connection.close();
            drive();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMillis);
            while (connection.state() == StreamConnection.State.OPEN) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    connection.abort(0);
                    drive();
                    break;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.abort(0);
            drive();
        } finally {
            lock.unlock();
        }
        release();
    }

    public StreamConnection.State state() {
        lock.lock();
        try {
            return connection.state();
        } finally {
            lock.unlock();
        }
    }

    public StreamStats stats() {
        lock.lock();
        try {
            return connection.stats();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- driving

    private long now() {
        return (System.nanoTime() - origin) / 1_000_000;
    }

    private void onDatagram(byte[] data, int offset, int length) {
        byte[] copy = Arrays.copyOfRange(data, offset, offset + length);
        lock.lock();
        try {
            if (!stopped) {
                connection.handleDatagram(now(), copy);
                drive();
            }
        } finally {
            lock.unlock();
        }
    }

    private void timerLoop() {
        lock.lock();
        try {
            while (!stopped) {
                long deadline = connection.pollTimeout();
                timerDeadline = deadline;
                long now = now();
                if (deadline == StreamConnection.NO_TIMEOUT) {
                    timerChanged.await();
                } else if (deadline > now) {
                    timerChanged.await(deadline - now, TimeUnit.MILLISECONDS);
                } else {
                    connection.handleTimeout(now);
                    drive();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: sends what the connection wants sent, wakes waiters on events and the timer if needed. */
    private void drive() {
        long now = now();
        for (byte[] datagram; (datagram = connection.pollTransmit(now)) != null; ) {
            try {
                path.send(datagram, 0, datagram.length);
            } catch (IOException e) {
                LOG.debug("datagram not sent; the stream will retransmit", e); // like a loss on the path
            }
        }
        boolean any = false;
        for (StreamEvent e; (e = connection.pollEvent()) != null; ) {
            any = true; // the waiters re-check the connection itself, whichever event it was
            LOG.trace("stream event {}", e);
        }
        if (any) {
            changed.signalAll();
        }
        if (connection.pollTimeout() < timerDeadline) {
            timerChanged.signal();
        }
    }

    private void release() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
            timerChanged.signal();
        } finally {
            lock.unlock();
        }
        path.close();
    }

    private IOException failure() {
        return switch (connection.state()) {
            case RESET -> new SocketException("connection reset by peer");
            case FAILED -> new SocketException("connection failed: idle timeout");
            case ABORTED -> new SocketException("connection aborted");
            default -> new SocketException("socket closed");
        };
    }

    /** Waits on {@link #changed} until {@code deadlineNanos} (0: forever); false on time-out. */
    private boolean await(long deadlineNanos) throws InterruptedIOException {
        try {
            if (deadlineNanos == 0) {
                changed.await();
                return true;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            changed.awaitNanos(left); // the caller re-checks its condition, then calls again
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    private static long deadline(long timeoutMillis) {
        return timeoutMillis == 0 ? 0 : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    private static long requireNonNegative(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("negative timeout: " + millis);
        }
        return millis;
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            ByteBuffer dst = ByteBuffer.wrap(b, off, len);
            long deadline = deadline(readTimeoutMillis);
            lock.lock();
            try {
                while (true) {
                    if (stopped && connection.state() == StreamConnection.State.OPEN) {
                        throw new SocketException("socket closed");
                    }
                    int n = connection.read(dst);
                    if (n > 0) {
                        drive(); // maybe a window update
                        return n;
                    }
                    if (n < 0) {
                        if (connection.state() == StreamConnection.State.OPEN
                                || connection.state() == StreamConnection.State.CLOSED) {
                            return -1;
                        }
                        throw failure();
                    }
                    if (!await(deadline)) {
                        throw new SocketTimeoutException("read timed out");
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return connection.available();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            StreamSocket.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            ByteBuffer src = ByteBuffer.wrap(b, off, len);
            long deadline = deadline(writeTimeoutMillis);
            lock.lock();
            try {
                while (src.hasRemaining()) {
                    if (stopped) {
                        throw new SocketException("socket closed");
                    }
                    int n;
                    try {
                        n = connection.write(src);
                    } catch (IllegalStateException e) {
                        throw new SocketException("output shut down");
                    }
                    if (n < 0) {
                        throw failure();
                    }
                    if (n > 0) {
                        drive(); // not flush(): inside this class that name is OutputStream's
                    } else if (!await(deadline)) {
                        throw new SocketTimeoutException("write timed out, " + src.remaining() + " bytes not taken");
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            shutdownOutput();
        }
    }
}
