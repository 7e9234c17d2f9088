package io.peerdial.benchmarks;

import io.peerdial.overlay.stun.ErrorCode;
import io.peerdial.overlay.stun.Nonce;
import io.peerdial.overlay.stun.Realm;
import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunEncoder;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.StunFingerprint;
import io.peerdial.overlay.stun.StunIntegrity;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.StunMessageType;
import io.peerdial.overlay.stun.TransactionId;
import io.peerdial.overlay.stun.Username;
import io.peerdial.relay.turn.ChannelData;
import io.peerdial.relay.turn.ChannelDataException;
import io.peerdial.relay.turn.ChannelNumber;
import io.peerdial.relay.turn.Lifetime;
import io.peerdial.relay.turn.RequestedTransport;
import io.peerdial.relay.turn.TurnAttributes;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorPeerAddress;
import io.peerdial.relay.turn.XorRelayedAddress;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load generator for any TURN server (RFC 8656), for the side-by-side comparison of
 * {@code peerdial relay} and coturn's {@code turnserver} (docs/PERFORMANCE.md "Relay vs coturn").
 *
 * <p>{@code clients} UDP clients each allocate (long-term credential: 401, then a signed Allocate),
 * bind channel 0x4000 to one echo peer in this JVM, and then send ChannelData at a fixed total
 * {@code rate} whatever comes back (open loop, unlike turnutils_uclient, which waits for its own
 * pace): client → relay → peer → relay → client, two relayed datagrams per message. Each payload
 * carries its send time, so every message that comes back gives a round trip; {@code direct=1}
 * sends the same payloads straight to the echo peer (no relay) for the generator's own baseline, so
 * that "added by the relay" = relayed − direct. With {@code pid=N} the server process's CPU time
 * (/proc/N/stat) over the measured interval is reported as µs of server CPU per relayed datagram —
 * the figure that still compares servers when the 2 cores are shared with the generator.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.peerdial.benchmarks.TurnLoad server=127.0.0.1:3478 \
 *     [user=test:secret] [realm=test.local] [clients=100] [rate=20000] [duration=10] [warmup=2] \
 *     [size=172] [grace=1000] [direct=0] [pid=0] [seed=1]
 * </pre>
 * Prints one line of {@code key=value} pairs (sent, received, loss_pct, rx_per_s, p50_us, p99_us,
 * p999_us, max_us, server_cpu_s, server_cpu_us_per_datagram, overflows).
 */
public final class TurnLoad {

    private static final int CHANNEL = 0x4000;
    private static final int HEADER = 16; // sequence + send time in the payload

    private final Map<String, String> options;
    private final Histogram rttMicros = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
    private volatile long measureFromNanos = Long.MAX_VALUE;
    private volatile boolean receiving = true;
    private long received;
    private long bad;

    private TurnLoad(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String[] kv : new String[][] {{"server", "127.0.0.1:3478"}, {"user", "test:secret"}, {"realm", "test.local"},
                {"clients", "100"}, {"rate", "20000"}, {"duration", "10"}, {"warmup", "2"}, {"size", "172"},
                {"grace", "1000"}, {"direct", "0"}, {"pid", "0"}, {"seed", "1"}}) {
            options.put(kv[0], kv[1]);
        }
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !options.containsKey(arg.substring(0, eq))) {
                System.err.println("TurnLoad: unknown argument '" + arg + "'; valid: " + options.keySet() + " as key=value");
                System.exit(2);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        if (Integer.parseInt(options.get("size")) < HEADER) {
            System.err.println("TurnLoad: size must be at least " + HEADER + " (sequence and send time)");
            System.exit(2);
        }
        new TurnLoad(options).run();
    }

    private long num(String key) {
        return Long.parseLong(options.get(key));
    }

    private void run() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        boolean direct = num("direct") != 0;
        List<DatagramChannel> clients = new ArrayList<>();
        List<Credentials> credentials = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(num("seed"));
        try (DatagramChannel peer = DatagramChannel.open()) {
            peer.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
            peer.bind(new InetSocketAddress(loopback, 0));
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalAddress();
            Thread echo = daemon("turnload-echo-peer", () -> echo(peer));
            echo.start();
            InetSocketAddress server = address(options.get("server"));
            for (int i = 0; i < num("clients"); i++) {
                DatagramChannel c = DatagramChannel.open();
                clients.add(c);
                c.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
                c.bind(new InetSocketAddress(loopback, 0));
                if (direct) {
                    c.connect(peerAddress);
                } else {
                    c.connect(server);
                    credentials.add(allocate(c, peerAddress, random));
                }
            }
            Selector selector = Selector.open();
            for (DatagramChannel c : clients) {
                c.configureBlocking(false);
                c.register(selector, SelectionKey.OP_READ);
            }
            Thread receiver = daemon("turnload-receiver", () -> receive(selector, direct));
            receiver.start();
            long overflowsBefore = UdpCounters.receiveBufferErrors();
            long[] sent = new long[1];
            double cpu = send(clients, direct, sent);
            Thread.sleep(num("grace"));
            receiving = false;
            selector.wakeup();
            receiver.join(5_000);
            selector.close();
            long overflows = UdpCounters.receiveBufferErrors() - overflowsBefore;
            report(sent[0], cpu, overflowsBefore < 0 ? -1 : overflows, direct);
        } finally {
            release(clients, credentials, random);
            for (DatagramChannel c : clients) c.close();
        }
    }

    /** Allocate (401, then with the long-term credential) and ChannelBind to the peer; RFC 8656 §7, §12. */
    private Credentials allocate(DatagramChannel c, InetSocketAddress peer, SplittableRandom random) throws IOException {
        String[] user = options.get("user").split(":", 2);
        StunMessage challenge = exchange(c, request(TurnMethods.ALLOCATE, random, null, new RequestedTransport(17)));
        ErrorCode error = challenge.first(ErrorCode.class).orElseThrow(() -> new IOException("Allocate without credentials succeeded"));
        if (error.code() != 401) throw new IOException("Allocate: " + error.code() + " " + error.reason());
        String nonce = challenge.first(Nonce.class).orElseThrow().value();
        String realm = challenge.first(Realm.class).map(Realm::value).orElse(options.get("realm"));
        byte[] key = StunIntegrity.longTermKey(user[0], realm, user[1]);
        Credentials cred = new Credentials(user[0], realm, nonce, key);
        StunMessage allocated = exchange(c, request(TurnMethods.ALLOCATE, random, cred, new RequestedTransport(17)));
        if (allocated.first(XorRelayedAddress.class).isEmpty()) {
            throw new IOException("Allocate refused: " + allocated.first(ErrorCode.class).map(e -> e.code() + " " + e.reason()).orElse("?"));
        }
        StunMessage bound = exchange(c, request(TurnMethods.CHANNEL_BIND, random, cred,
                new ChannelNumber(CHANNEL), new XorPeerAddress(peer)));
        if (bound.messageClass() != StunClass.SUCCESS_RESPONSE) {
            throw new IOException("ChannelBind refused: " + bound.first(ErrorCode.class).map(e -> e.code() + " " + e.reason()).orElse("?"));
        }
        return cred;
    }

    /**
     * Deletes every allocation (Refresh with LIFETIME 0, RFC 8656 §7), unanswered: the next run's
     * clients may get the same ephemeral ports, and a live allocation on that 5-tuple would answer
     * their Allocate with 437.
     */
    private static void release(List<DatagramChannel> clients, List<Credentials> credentials, SplittableRandom random) {
        for (int i = 0; i < credentials.size(); i++) {
            try {
                clients.get(i).write(ByteBuffer.wrap(request(TurnMethods.REFRESH, random, credentials.get(i), new Lifetime(0))));
            } catch (IOException e) {
                // the allocation expires by itself
            }
        }
    }

    private record Credentials(String user, String realm, String nonce, byte[] key) {
    }

    private static byte[] request(int method, SplittableRandom random, Credentials cred, StunAttribute... attributes) {
        List<StunAttribute> all = new ArrayList<>(List.of(attributes));
        if (cred != null) {
            all.addAll(List.of(new Username(cred.user()), new Realm(cred.realm()), new Nonce(cred.nonce())));
        }
        byte[] b = StunEncoder.standard().encode(new StunMessage(StunMessageType.of(StunClass.REQUEST, method),
                TransactionId.random(random), all));
        if (cred != null) b = StunIntegrity.appendSha1(b, cred.key());
        return StunFingerprint.append(b);
    }

    /** One request, up to 4 transmissions 500 ms apart (setup only: the load itself is not retried). */
    private static StunMessage exchange(DatagramChannel c, byte[] request) throws IOException {
        c.socket().setSoTimeout(500);
        DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
        for (int attempt = 0; attempt < 4; attempt++) {
            c.write(ByteBuffer.wrap(request));
            try {
                c.socket().receive(in);
                return TurnAttributes.decoder().decode(java.util.Arrays.copyOf(in.getData(), in.getLength()));
            } catch (SocketTimeoutException e) {
                // retransmit
            } catch (StunException e) {
                throw new IOException("undecodable answer: " + e.getMessage(), e);
            }
        }
        throw new IOException("no answer from the TURN server after 4 transmissions");
    }

    /** Sends at the fixed rate for warmup + duration; returns the server's CPU seconds over the measured part. */
    private double send(List<DatagramChannel> clients, boolean direct, long[] sentOut) throws IOException {
        long rate = num("rate");
        int size = (int) num("size");
        long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, rate);
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(num("warmup"));
        long end = measureFrom + TimeUnit.SECONDS.toNanos(num("duration"));
        measureFromNanos = measureFrom;
        int header = direct ? 0 : ChannelData.HEADER_LENGTH;
        byte[] datagram = new byte[header + size];
        if (!direct) ChannelData.writeHeader(datagram, 0, CHANNEL, size); // RFC 8656 §12.4
        ByteBuffer out = ByteBuffer.wrap(datagram);
        long next = start;
        long seq = 0;
        long sent = 0;
        double cpuBefore = Double.NaN;
        int pid = (int) num("pid");
        for (long now = start; now < end; now = System.nanoTime()) {
            if (Double.isNaN(cpuBefore) && now >= measureFrom) cpuBefore = processCpuSeconds(pid);
            if (now < next) {
                if (next - now > 50_000) LockSupport.parkNanos(next - now - 20_000);
                continue;
            }
            next += interval;
            long t = System.nanoTime();
            out.putLong(header, seq++).putLong(header + 8, t);
            out.clear();
            DatagramChannel c = clients.get((int) (seq % clients.size()));
            if (c.write(out) > 0 && t >= measureFrom) sent++;
        }
        sentOut[0] = sent;
        return processCpuSeconds(pid) - cpuBefore;
    }

    private void receive(Selector selector, boolean direct) {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        try {
            while (receiving) {
                if (selector.select(100) == 0) continue;
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel c = (DatagramChannel) key.channel();
                    while (true) {
                        buffer.clear();
                        if (c.receive(buffer) == null) break;
                        long now = System.nanoTime();
                        account(buffer.array(), buffer.position(), direct, now);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (receiving) System.err.println("TurnLoad: receiver stopped: " + e);
        }
    }

    private void account(byte[] b, int length, boolean direct, long now) {
        int offset = 0;
        int payloadLength = length;
        if (!direct) {
            try {
                payloadLength = ChannelData.validate(b, 0, length, 65_535);
                offset = ChannelData.HEADER_LENGTH;
            } catch (ChannelDataException e) {
                bad++; // e.g. a Data indication or a late STUN answer: not one of ours
                return;
            }
        }
        if (payloadLength < HEADER) {
            bad++;
            return;
        }
        long sentAt = ByteBuffer.wrap(b).getLong(offset + 8);
        if (sentAt < measureFromNanos) return;
        received++;
        rttMicros.recordValue(Math.min(rttMicros.getHighestTrackableValue(), Math.max(0, (now - sentAt) / 1_000)));
    }

    private static void echo(DatagramChannel peer) {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        try {
            while (true) {
                buffer.clear();
                var from = peer.receive(buffer);
                buffer.flip();
                peer.send(buffer, from);
            }
        } catch (IOException e) {
            // closed at the end of the run
        }
    }

    private void report(long sent, double cpu, long overflows, boolean direct) {
        double seconds = num("duration");
        double loss = sent == 0 ? 0 : 100.0 * (sent - received) / sent;
        StringBuilder line = new StringBuilder();
        line.append(direct ? "direct" : "relayed")
                .append(" clients=").append(num("clients"))
                .append(" rate=").append(num("rate"))
                .append(" sent=").append(sent)
                .append(" received=").append(received)
                .append(String.format(" loss_pct=%.3f", Math.max(0, loss)))
                .append(String.format(" rx_per_s=%.0f", received / seconds))
                .append(" p50_us=").append(rttMicros.getValueAtPercentile(50))
                .append(" p99_us=").append(rttMicros.getValueAtPercentile(99))
                .append(" p999_us=").append(rttMicros.getValueAtPercentile(99.9))
                .append(" max_us=").append(rttMicros.getMaxValue())
                .append(" bad=").append(bad);
        if (num("pid") > 0) {
            long datagrams = 2 * received; // each message crosses the relay twice
            line.append(String.format(" server_cpu_s=%.2f", cpu))
                    .append(String.format(" server_cpu_us_per_datagram=%.2f", datagrams == 0 ? 0 : cpu * 1e6 / datagrams));
        }
        line.append(" overflows=").append(overflows < 0 ? "unknown" : Long.toString(overflows));
        System.out.println(line);
    }

    /** utime + stime of a process from /proc/PID/stat, in seconds (USER_HZ 100); NaN without a pid. */
    private static double processCpuSeconds(int pid) {
        if (pid <= 0) return Double.NaN;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
