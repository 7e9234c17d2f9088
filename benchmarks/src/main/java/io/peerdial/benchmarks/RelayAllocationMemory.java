package io.peerdial.benchmarks;

import io.peerdial.overlay.stun.Nonce;
import io.peerdial.overlay.stun.Realm;
import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunEncoder;
import io.peerdial.overlay.stun.StunFingerprint;
import io.peerdial.overlay.stun.StunIntegrity;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.StunMessageType;
import io.peerdial.overlay.stun.TransactionId;
import io.peerdial.overlay.stun.Username;
import io.peerdial.relay.runtime.TurnRelayRuntime;
import io.peerdial.relay.server.Credentials;
import io.peerdial.relay.server.FiveTuple;
import io.peerdial.relay.server.PeerAddressPolicy;
import io.peerdial.relay.server.RelayPorts;
import io.peerdial.relay.server.TurnConfig;
import io.peerdial.relay.server.TurnServer;
import io.peerdial.relay.server.TurnTransmit;
import io.peerdial.relay.turn.ChannelNumber;
import io.peerdial.relay.turn.RequestedTransport;
import io.peerdial.relay.turn.TurnAttributes;
import io.peerdial.relay.turn.TurnMethods;
import io.peerdial.relay.turn.XorPeerAddress;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.openjdk.jol.info.GraphLayout;

/**
 * Heap per TURN allocation (issue #6, docs/PERFORMANCE.md "Relay vs coturn"). Each allocation has one
 * permission and one channel, as a relayed call has. Two measures of the same thing:
 *
 * <ul>
 *   <li><b>core</b>: {@code n} allocations made on the sans-IO {@link TurnServer} (virtual relayed ports),
 *       deep size of the core's object graph (JOL) and used heap after GC, each minus the same with none;</li>
 *   <li><b>runtime</b>: {@code sockets} allocations made over loopback on a real {@link TurnRelayRuntime}
 *       (one bound relayed {@code DatagramChannel} each): used heap after GC minus the same before them (the
 *       clients' sockets are made before). JOL cannot walk a {@code DatagramChannel} (hidden lambda class in
 *       its cleaner). Kernel socket memory is not heap and not counted here.</li>
 * </ul>
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.peerdial.benchmarks.RelayAllocationMemory n=10000 sockets=1000</pre>
 */
public final class RelayAllocationMemory {

    private static final String REALM = "bench";
    private static final String USER = "u";
    private static final String PASSWORD = "p";
    private static final byte[] KEY = StunIntegrity.longTermKey(USER, REALM, PASSWORD);
    private static final InetSocketAddress SERVER = new InetSocketAddress(ip(192, 0, 2, 100), 3478);

    private final SplittableRandom random = new SplittableRandom(1);

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("arguments are name=value: " + arg);
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int n = Integer.parseInt(a.getOrDefault("n", "10000"));
        int sockets = Integer.parseInt(a.getOrDefault("sockets", "1000"));
        RelayAllocationMemory m = new RelayAllocationMemory();
        m.core(n);
        if (sockets > 0) m.runtime(sockets);
    }

    // ---------------------------------------------------------------- the sans-IO core

    private void core(int n) throws Exception {
        TurnConfig config = TurnConfig.defaults(REALM).withQuotas(n + 1, n + 1, 0, 0);
        TurnServer core = new TurnServer(config, Credentials.of(Map.of(USER, PASSWORD)), new VirtualPorts(), new SplittableRandom(2));
        String nonce = challenge(core, FiveTuple.udp(new InetSocketAddress(ip(203, 0, 113, 1), 1), SERVER));
        long graphBefore = GraphLayout.parseInstance(core).totalSize();
        long heapBefore = heapAfterGc();
        for (int i = 0; i < n; i++) {
            FiveTuple client = FiveTuple.udp(new InetSocketAddress(ip(100, 64 + (i >> 16), (i >> 8) & 0xFF, i & 0xFF), 40_000), SERVER);
            InetSocketAddress peer = new InetSocketAddress(ip(198, 51, 100 + (i / 250) % 100, 1 + i % 250), 5_000);
            call(core, client, TurnMethods.ALLOCATE, nonce, new RequestedTransport(17));
            call(core, client, TurnMethods.CREATE_PERMISSION, nonce, new XorPeerAddress(peer));
            call(core, client, TurnMethods.CHANNEL_BIND, nonce, new ChannelNumber(0x4000), new XorPeerAddress(peer));
        }
        if (core.allocationCount() != n) throw new IllegalStateException("allocations: " + core.allocationCount());
        long graphAfter = GraphLayout.parseInstance(core).totalSize();
        long heapAfter = heapAfterGc();
        System.out.printf("core: %d allocations (1 permission + 1 channel each): JOL deep size %d bytes/allocation, "
                + "heap after GC %d bytes/allocation%n", n, (graphAfter - graphBefore) / n, (heapAfter - heapBefore) / n);
    }

    /** Sends a signed request and checks the answer is a success. */
    private void call(TurnServer core, FiveTuple client, int method, String nonce, StunAttribute... extra) {
        List<StunAttribute> all = new ArrayList<>(Arrays.asList(extra));
        all.addAll(List.of(new Username(USER), new Realm(REALM), new Nonce(nonce)));
        byte[] b = StunEncoder.standard().encode(new StunMessage(StunMessageType.of(StunClass.REQUEST, method),
                TransactionId.random(random), all));
        b = StunFingerprint.append(StunIntegrity.appendSha1(b, KEY));
        core.handleClientDatagram(0, client, b, 0, b.length);
        StunMessage answer = single(core);
        if (answer.messageClass() != StunClass.SUCCESS_RESPONSE) throw new IllegalStateException("refused: " + answer);
        while (core.pollEvent() != null) { } // AllocationCreated
    }

    private String challenge(TurnServer core, FiveTuple client) throws Exception {
        byte[] b = StunFingerprint.append(StunEncoder.standard().encode(new StunMessage(StunMessageType.of(StunClass.REQUEST,
                TurnMethods.ALLOCATE), TransactionId.random(random), List.of(new RequestedTransport(17)))));
        core.handleClientDatagram(0, client, b, 0, b.length);
        return single(core).first(Nonce.class).orElseThrow().value();
    }

    private static StunMessage single(TurnServer core) {
        TurnTransmit t = core.pollTransmit();
        if (t == null || core.pollTransmit() != null) throw new IllegalStateException("expected one answer");
        try {
            return TurnAttributes.decoder().decode(t.payload());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Relayed addresses without sockets: 10.x.y.z, port 49152 up. */
    private static final class VirtualPorts implements RelayPorts {
        private int next;

        @Override
        public InetSocketAddress reserve(int family, boolean evenPort) {
            int i = next++;
            return new InetSocketAddress(ip(10, (i >> 14) & 0xFF, (i >> 6) & 0xFF, i & 0x3F), 49_152 + (i & 0x3F) * 2);
        }

        @Override
        public InetSocketAddress reserveExact(InetSocketAddress address) {
            return null;
        }

        @Override
        public void release(InetSocketAddress relayed) {
        }
    }

    // ---------------------------------------------------------------- the runtime, real sockets on loopback

    private void runtime(int sockets) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        TurnConfig config = TurnConfig.defaults(REALM).withPeerPolicy(new PeerAddressPolicy(true, false))
                .withQuotas(sockets + 1, sockets + 1, 0, 0);
        List<DatagramSocket> clients = new ArrayList<>();
        try (TurnRelayRuntime relay = TurnRelayRuntime.start(new TurnRelayRuntime.Settings(new InetSocketAddress(loopback, 0),
                loopback, 40_000, 40_000 + sockets + 500, config, Credentials.of(Map.of(USER, PASSWORD))));
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            InetSocketAddress server = relay.listenAddress();
            String nonce;
            try (DatagramSocket first = socket(loopback)) {
                nonce = roundTrip(first, server, StunFingerprint.append(StunEncoder.standard().encode(new StunMessage(
                        StunMessageType.of(StunClass.REQUEST, TurnMethods.ALLOCATE), TransactionId.random(random),
                        List.of(new RequestedTransport(17)))))).first(Nonce.class).orElseThrow().value();
            }
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            for (int i = 0; i < sockets; i++) clients.add(socket(loopback)); // the clients' own sockets: before the baseline
            long before = heapAfterGc();
            for (DatagramSocket c : clients) {
                signed(c, server, TurnMethods.ALLOCATE, nonce, new RequestedTransport(17));
                signed(c, server, TurnMethods.CREATE_PERMISSION, nonce, new XorPeerAddress(peerAddress));
                signed(c, server, TurnMethods.CHANNEL_BIND, nonce, new ChannelNumber(0x4000), new XorPeerAddress(peerAddress));
            }
            long after = heapAfterGc();
            if (relay.stats().allocations() != sockets) throw new IllegalStateException("allocations: " + relay.stats().allocations());
            System.out.printf("runtime: %d allocations on loopback (bound relayed DatagramChannel, 1 permission + 1 channel each): "
                    + "heap after GC %d bytes/allocation%n", sockets, (after - before) / sockets);
        } finally {
            for (DatagramSocket c : clients) c.close();
        }
    }

    private static DatagramSocket socket(InetAddress loopback) throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(loopback, 0));
        s.setSoTimeout(5_000);
        return s;
    }

    private void signed(DatagramSocket c, InetSocketAddress server, int method, String nonce, StunAttribute... extra) throws Exception {
        List<StunAttribute> all = new ArrayList<>(Arrays.asList(extra));
        all.addAll(List.of(new Username(USER), new Realm(REALM), new Nonce(nonce)));
        byte[] b = StunEncoder.standard().encode(new StunMessage(StunMessageType.of(StunClass.REQUEST, method),
                TransactionId.random(random), all));
        StunMessage answer = roundTrip(c, server, StunFingerprint.append(StunIntegrity.appendSha1(b, KEY)));
        if (answer.messageClass() != StunClass.SUCCESS_RESPONSE) throw new IllegalStateException("refused: " + answer);
    }

    private static StunMessage roundTrip(DatagramSocket c, InetSocketAddress server, byte[] request) throws Exception {
        c.send(new DatagramPacket(request, request.length, server));
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        try {
            c.receive(p);
        } catch (SocketTimeoutException e) {
            throw new IllegalStateException("no answer from the relay", e);
        }
        return TurnAttributes.decoder().decode(Arrays.copyOf(p.getData(), p.getLength()));
    }

    // ---------------------------------------------------------------- helpers

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static InetAddress ip(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
