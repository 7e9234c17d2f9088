package io.peerdial.overlay.runtime;

import io.peerdial.overlay.protocol.DatagramProtocol;
import io.peerdial.overlay.protocol.Transmit;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one sans-IO {@link DatagramProtocol} core over a real UDP socket: one event-loop thread
 * ({@code peerdial-node-<port>}), a non-blocking {@link DatagramChannel} and a {@link Selector}.
 *
 * <p>Each turn of the loop waits until a datagram arrives, the core's timer is due
 * ({@code pollTimeout()}), or another thread submits a task; then it runs the submitted tasks,
 * feeds up to {@value #RECEIVE_BATCH} datagrams to the core (each copied into a fresh array the
 * core then owns), calls {@code handleTimeout} when due, sends what {@code pollTransmit()} yields
 * (through one reused direct buffer) and hands what {@code pollEvent()} yields to the listener.
 * Counters are bumped after a datagram is sent, and events are handed out after the turn's sends. Time comes from a {@link RuntimeClock}.
 *
 * <p><b>Threading.</b> The core is touched only by the loop thread. Other threads reach it through
 * {@link #submit}, whose function runs on the loop thread with the current time. The event
 * listener also runs on the loop thread: it must not block (hand slow work to another executor),
 * or the node stops answering.
 *
 * <p><b>Robustness.</b> The loop never dies of a core bug: a {@link RuntimeException} from the
 * core or the listener is counted ({@link #stats()}), logged at most once per 10 s per kind with
 * the number suppressed, and the loop goes on. When the socket buffer is full, up to
 * {@value #MAX_QUEUED_SENDS} datagrams wait for it; beyond that they are dropped and counted, as
 * UDP would drop them anyway.
 *
 * <p><b>TCP.</b> Started with {@code acceptTcp}, the loop also listens on TCP on the same address
 * and carries datagrams framed over TCP ({@link TcpDatagrams}, docs/PROTOCOL.md "Datagrams over
 * TCP") on the same selector: a datagram that came over a TCP connection is answered over it. In
 * {@linkplain #useTcp TCP mode} (UDP is blocked) every datagram leaves over TCP, on a connection to
 * its destination opened on demand.
 *
 * @param <E> the events of the core
 */
public final class UdpRuntime<E> implements AutoCloseable {

    public static final int RECEIVE_BATCH = 64;
    public static final int MAX_QUEUED_SENDS = 1024;
    /** Most transmits, events or tasks handled in one turn, so that a misbehaving core cannot starve the socket. */
    static final int DRAIN_LIMIT = 4096;
    private static final int RECEIVE_BUFFER_BYTES = 65_536; // largest UDP payload fits
    /**
     * Asked of the kernel for each direction (Linux caps it at net.core.rmem_max / wmem_max and
     * doubles it for bookkeeping). The receive side is what absorbs a burst while the loop thread
     * waits for a core: at 30,000 requests/s a 1 MiB buffer overflowed under a loaded 2-core
     * machine, 4 MiB did not (docs/PERFORMANCE.md, FindNodeLoad). Memory is only used while queued.
     */
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;
    private static final long LOG_INTERVAL_MS = 10_000;
    private static final long RETRY_AFTER_CORE_ERROR_MS = 10;
    private static final long CLOSE_WAIT_MS = 5_000;
    private static final Logger log = LoggerFactory.getLogger(UdpRuntime.class);

    private final DatagramChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final InetSocketAddress localAddress;
    private final DatagramProtocol<E> core;
    private final Consumer<? super E> listener;
    private final RuntimeClock clock = new RuntimeClock();
    private final RateLimitedLog problems = new RateLimitedLog(log, LOG_INTERVAL_MS);
    private final ConcurrentLinkedQueue<Task<?>> tasks = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Transmit> sendQueue = new ArrayDeque<>();
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES);
    /** Reused for every send: the kernel needs native memory, so a heap array would be copied anyway. */
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean moreWork;        // a drain hit its limit: do not block in the next select
    private long retryTimerAt = -1;  // handleTimeout threw: do not spin on the same due timer

    // Written only by the loop thread (bump: a plain read and a release store, no atomic
    // read-modify-write on the per-datagram path), read by any thread through stats().
    private final AtomicLong datagramsIn = new AtomicLong();
    private final AtomicLong datagramsOut = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLong sendsQueued = new AtomicLong();
    private final AtomicLong sendsDropped = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicLong coreErrors = new AtomicLong();
    private final AtomicLong listenerErrors = new AtomicLong();
    /** Datagrams over TCP, or null when this loop was started without. */
    private TcpDatagrams tcp;
    /** Every datagram leaves over TCP (set from any thread, read by the loop). */
    private volatile boolean tcpMode;

    private UdpRuntime(DatagramChannel channel, Selector selector, InetSocketAddress localAddress,
                       DatagramProtocol<E> core, Consumer<? super E> listener) throws IOException {
        this.channel = channel;
        this.selector = selector;
        this.localAddress = localAddress;
        this.core = core;
        this.listener = listener;
        this.key = channel.register(selector, SelectionKey.OP_READ);
        this.thread = new Thread(this::run, "peerdial-node-" + localAddress.getPort());
        this.thread.setDaemon(true);
    }

    /**
     * Binds a UDP socket to {@code bind}, then creates the core with {@code coreFactory} (given the
     * bound address, e.g. to learn an ephemeral port) and starts the loop. Binding first means a
     * port in use fails fast, before any core state is built.
     *
     * @param listener receives every event of the core, on the loop thread; must not block
     * @throws java.net.BindException if the address is in use or not local
     */
    public static <E> UdpRuntime<E> start(InetSocketAddress bind,
                                          Function<InetSocketAddress, ? extends DatagramProtocol<E>> coreFactory,
                                          Consumer<? super E> listener) throws IOException {
        return start(bind, coreFactory, listener, false);
    }

    /**
     * As {@link #start(InetSocketAddress, Function, Consumer)}; with {@code acceptTcp} the loop also
     * listens on TCP at the bound address for framed datagrams and can be put in {@linkplain #useTcp
     * TCP mode}. A TCP port already taken is logged and only outbound TCP is possible then.
     */
    public static <E> UdpRuntime<E> start(InetSocketAddress bind,
                                          Function<InetSocketAddress, ? extends DatagramProtocol<E>> coreFactory,
                                          Consumer<? super E> listener, boolean acceptTcp) throws IOException {
        Objects.requireNonNull(coreFactory, "coreFactory");
        Objects.requireNonNull(listener, "listener");
        if (bind.isUnresolved()) throw new IllegalArgumentException("bind address must be resolved: " + bind);
        DatagramChannel channel = bind.getAddress() instanceof Inet4Address
                ? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open();
        Selector selector = null;
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.bind(bind);
            channel.configureBlocking(false);
            if (channel.getOption(StandardSocketOptions.SO_RCVBUF) < SOCKET_BUFFER_BYTES) {
                log.debug("{}: the kernel gave a {}-byte receive buffer (asked {}; see net.core.rmem_max)",
                        bind, channel.getOption(StandardSocketOptions.SO_RCVBUF), SOCKET_BUFFER_BYTES);
            }
            selector = Selector.open();
            InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
            DatagramProtocol<E> core = Objects.requireNonNull(coreFactory.apply(local), "coreFactory returned null");
            UdpRuntime<E> runtime = new UdpRuntime<>(channel, selector, local, core, listener);
            if (acceptTcp) runtime.tcp = runtime.openTcp(local);
            runtime.thread.start();
            log.debug("event loop {} started on {}", runtime.thread.getName(), local);
            return runtime;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (selector != null) closeQuietly(selector);
            throw e;
        }
    }

    /** Same as {@link #start(InetSocketAddress, Function, Consumer)} for a core built beforehand. */
    public static <E> UdpRuntime<E> start(InetSocketAddress bind, DatagramProtocol<E> core,
                                          Consumer<? super E> listener) throws IOException {
        Objects.requireNonNull(core, "core");
        return start(bind, local -> core, listener);
    }

    private TcpDatagrams openTcp(InetSocketAddress local) throws IOException {
        TcpDatagrams.Sink sink = (now, from, bytes) -> deliver(now, from, bytes);
        try {
            return TcpDatagrams.open(selector, local, sink, problems);
        } catch (java.net.BindException e) {
            log.warn("overlay TCP port {} not usable ({}): datagrams over TCP only outbound", local, e.getMessage());
            return TcpDatagrams.open(selector, null, sink, problems);
        }
    }

    /**
     * TCP mode (UDP is blocked): from the loop's next turn every datagram leaves over a TCP
     * connection to its destination; false goes back to UDP (answers to datagrams that came over TCP
     * still go over TCP).
     *
     * @throws IllegalStateException if this loop was started without TCP
     */
    public void useTcp(boolean on) {
        if (tcp == null) throw new IllegalStateException("started without TCP");
        tcpMode = on;
    }

    /** Whether every datagram leaves over TCP. */
    public boolean usesTcp() {
        return tcpMode;
    }

    /** The address the socket is bound to (with the real port when 0 was asked for). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Runs {@code task} on the loop thread with the current time and completes the future with its
     * result (or its exception). Datagrams and events the task causes the core to produce are sent
     * and delivered right after it. Fails with {@link IllegalStateException} once closed.
     */
    public <T> CompletableFuture<T> submit(LongFunction<? extends T> task) {
        Objects.requireNonNull(task, "task");
        CompletableFuture<T> result = new CompletableFuture<>();
        Task<T> t = new Task<>(task, result);
        tasks.add(t);
        if (!running && tasks.remove(t)) {
            t.fail(closedException()); // the loop has stopped (or is stopping): nobody would run it
        } else {
            selector.wakeup();
        }
        return result;
    }

    /** A snapshot of the loop's counters; safe from any thread. */
    public RuntimeStats stats() {
        TcpDatagrams t = tcp;
        return new RuntimeStats(datagramsIn.get(), datagramsOut.get(), bytesIn.get(), bytesOut.get(),
                sendsQueued.get(), sendsDropped.get(), sendErrors.get(), coreErrors.get(), listenerErrors.get(),
                t == null ? 0 : t.open.get(), t == null ? 0 : t.framesIn.get(), t == null ? 0 : t.framesOut.get(),
                t == null ? 0 : t.badFrames.get(), t == null ? 0 : t.connectFailures.get());
    }

    /** True until the loop has stopped. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Stops the loop, fails the tasks still queued, and closes the socket. Idempotent; waits (up to
     * 5 s) for the loop thread to end unless called from the loop thread itself.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) running = false;
        if (!SelectorLoops.stop(thread, selector, CLOSE_WAIT_MS)) {
            log.warn("event loop {} did not stop within {} ms", thread.getName(), CLOSE_WAIT_MS);
        }
    }

    private void run() {
        try {
            while (running) {
                turn();
            }
        } catch (ClosedSelectorException e) {
            // closed under us: nothing more to do
        } catch (IOException | RuntimeException | Error e) {
            // Only the selector itself can get here (every core call is guarded): the node is dead.
            log.error("event loop {} stopped: {}", thread.getName(), e.toString(), e);
        } finally {
            running = false;
            if (tcp != null) closeQuietly(tcp);
            closeQuietly(channel);
            closeQuietly(selector);
            for (Task<?> t; (t = tasks.poll()) != null; ) t.fail(closedException());
            log.debug("event loop {} stopped", thread.getName());
        }
    }

    private void turn() throws IOException {
        long now = clock.now();
        long deadline = nextDeadline(now);
        int ready;
        if (moreWork || deadline <= now) {
            ready = selector.selectNow();
        } else {
            ready = selector.select(deadline == DatagramProtocol.NO_TIMEOUT ? 0 : deadline - now);
        }
        moreWork = false;
        boolean readable = false;
        boolean writable = false;
        java.util.List<SelectionKey> tcpKeys = null;
        if (ready > 0) {
            for (SelectionKey k : selector.selectedKeys()) {
                if (k == key) {
                    readable = key.isReadable();
                    writable = key.isWritable();
                } else if (tcp != null && tcp.owns(k)) {
                    if (tcpKeys == null) tcpKeys = new java.util.ArrayList<>();
                    tcpKeys.add(k);
                }
            }
            selector.selectedKeys().clear();
        }
        if (!running) return;

        runTasks();
        if (readable) receiveBatch();
        if (tcpKeys != null) {
            long at = clock.now();
            for (SelectionKey k : tcpKeys) tcp.handle(k, at);
        }
        now = clock.now();
        if (tcp != null) tcp.sweep(now);
        if (safePollTimeout(now) <= now && now >= retryTimerAt) fireTimer(now);
        if (writable || !sendQueue.isEmpty()) flushQueue();
        drainTransmits();
        drainEvents();
        key.interestOps(sendQueue.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    /** When the loop must wake up next; not before {@code retryTimerAt} after a failed handleTimeout. */
    private long nextDeadline(long now) {
        long deadline = safePollTimeout(now);
        deadline = deadline <= now ? Math.max(deadline, retryTimerAt) : deadline;
        if (tcp == null) return deadline;
        long sweep = tcp.nextSweep();
        if (sweep == Long.MAX_VALUE) return deadline;
        return deadline == DatagramProtocol.NO_TIMEOUT ? sweep : Math.min(deadline, sweep);
    }

    private long safePollTimeout(long now) {
        try {
            return core.pollTimeout();
        } catch (RuntimeException e) {
            coreError(now, "pollTimeout", e);
            return now + RETRY_AFTER_CORE_ERROR_MS;
        }
    }

    private void runTasks() {
        for (int i = 0; i < DRAIN_LIMIT; i++) {
            Task<?> t = tasks.poll();
            if (t == null) return;
            t.run(); // a task catches its own exceptions into its future
        }
        moreWork = true;
    }

    private void receiveBatch() {
        long now = clock.now();
        for (int i = 0; i < RECEIVE_BATCH; i++) {
            SocketAddress from;
            receiveBuffer.clear();
            try {
                from = channel.receive(receiveBuffer);
            } catch (IOException e) {
                sendErrors.incrementAndGet(); // ICMP errors surface here on some platforms
                problems.warn(now, "receive", "receive failed on " + localAddress + ": " + e, null);
                return;
            }
            if (from == null) return;
            receiveBuffer.flip();
            byte[] bytes = new byte[receiveBuffer.remaining()];
            receiveBuffer.get(bytes);
            deliver(now, (InetSocketAddress) from, bytes);
        }
        moreWork = true; // more may be waiting; timers and tasks get their turn first
    }

    /** Hands one datagram (from UDP or TCP) to the core. */
    private void deliver(long now, InetSocketAddress from, byte[] bytes) {
        bump(datagramsIn, 1);
        bump(bytesIn, bytes.length);
        try {
            core.handleDatagram(now, from, bytes);
        } catch (RuntimeException e) {
            coreError(now, "handleDatagram", e);
        }
    }

    private void fireTimer(long now) {
        try {
            core.handleTimeout(now);
            retryTimerAt = -1;
        } catch (RuntimeException e) {
            coreError(now, "handleTimeout", e);
            retryTimerAt = now + RETRY_AFTER_CORE_ERROR_MS;
        }
    }

    private void drainTransmits() {
        for (int i = 0; i < DRAIN_LIMIT; i++) {
            Transmit t;
            try {
                t = core.pollTransmit();
            } catch (RuntimeException e) {
                coreError(clock.now(), "pollTransmit", e);
                return;
            }
            if (t == null) return;
            if (!sendQueue.isEmpty() || !trySend(t)) enqueue(t); // keep order behind queued datagrams
        }
        moreWork = true;
    }

    private void drainEvents() {
        for (int i = 0; i < DRAIN_LIMIT; i++) {
            E event;
            try {
                event = core.pollEvent();
            } catch (RuntimeException e) {
                coreError(clock.now(), "pollEvent", e);
                return;
            }
            if (event == null) return;
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                listenerErrors.incrementAndGet();
                problems.warn(clock.now(), "listener", "event listener of " + thread.getName() + " threw on "
                        + event.getClass().getSimpleName() + " (bug; the loop goes on)", e);
            }
        }
        moreWork = true;
    }

    /** Sends one datagram; false when the socket buffer is full (the datagram was not sent). */
    private boolean trySend(Transmit t) {
        if (tcp != null && sendOverTcp(t)) return true;
        try {
            byte[] payload = t.payload();
            if (payload.length > sendBuffer.capacity()) throw new IllegalArgumentException("datagram of " + payload.length + " bytes");
            sendBuffer.clear();
            sendBuffer.put(payload).flip();
            int n = channel.send(sendBuffer, t.destination());
            if (n == 0 && payload.length > 0) return false;
            bump(datagramsOut, 1);
            bump(bytesOut, payload.length);
        } catch (IOException e) {
            sendErrors.incrementAndGet();
            problems.warn(clock.now(), "send", "send to " + t.destination() + " failed: " + e, null);
        } catch (RuntimeException e) { // unresolved or unsupported address type: the core built a bad Transmit
            coreError(clock.now(), "transmit", e);
        }
        return true;
    }

    /** Sends over TCP in TCP mode, or over the connection the destination reached us on; false: use UDP. */
    private boolean sendOverTcp(Transmit t) {
        TcpDatagrams.Send s;
        try {
            s = tcp.send(clock.now(), t.destination(), t.payload(), tcpMode);
        } catch (RuntimeException e) {
            coreError(clock.now(), "transmit", e);
            return true;
        }
        switch (s) {
            case SENT -> {
                bump(datagramsOut, 1);
                bump(bytesOut, t.payload().length);
            }
            case DROPPED -> sendsDropped.incrementAndGet();
            case NO_CONNECTION -> {
                return false;
            }
        }
        return true;
    }

    private void enqueue(Transmit t) {
        if (sendQueue.size() >= MAX_QUEUED_SENDS) {
            sendsDropped.incrementAndGet();
            problems.warn(clock.now(), "send-queue-full", "send queue of " + thread.getName() + " full: dropping datagrams", null);
            return;
        }
        sendsQueued.incrementAndGet();
        sendQueue.add(t);
    }

    private void flushQueue() {
        for (Transmit t; (t = sendQueue.peek()) != null; ) {
            if (!trySend(t)) return;
            sendQueue.poll();
        }
    }

    /** Adds to a counter that only the loop thread writes; readers on other threads see it (release store). */
    private static void bump(AtomicLong counter, long by) {
        counter.setRelease(counter.getPlain() + by);
    }

    private void coreError(long now, String where, RuntimeException e) {
        coreErrors.incrementAndGet();
        problems.warn(now, "core:" + where + ":" + e.getClass().getName(),
                "core " + core.getClass().getSimpleName() + " threw in " + where + " on " + thread.getName()
                        + " (bug; the loop goes on): " + e, e);
    }

    private static IllegalStateException closedException() {
        return new IllegalStateException("runtime closed");
    }

    /** A submitted function and its future; runs on the loop thread with the current time. */
    private final class Task<T> {
        private final LongFunction<? extends T> function;
        private final CompletableFuture<T> result;

        Task(LongFunction<? extends T> function, CompletableFuture<T> result) {
            this.function = function;
            this.result = result;
        }

        void run() {
            try {
                result.complete(function.apply(clock.now()));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        void fail(RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("close failed: {}", e.toString());
        }
    }
}
