package io.peerdial.simulator.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A NAT (or a UDP-blocking firewall) with one public address, modelled per packet with the
 * behaviours RFC 4787 names for UDP: mapping (§4.1), filtering (§5), binding timeout refreshed by
 * outbound traffic only (§4.3, REQ-6), and port preservation or not (§4.2.1). TCP follows RFC 5382
 * in its simplest form: endpoint-independent mapping (REQ-1), inbound only from endpoints the
 * connection was opened to, idle timeout 2 h 4 min (REQ-5); connections opened from outside are
 * refused. A UDP-blocking firewall drops every UDP packet both ways and lets TCP out.
 *
 * <p>Not thread-safe; one device per simulated node. Random port choices come from the injected
 * generator, so a seeded run is reproducible.
 */
public final class NatDevice implements NodeDevice {

    /** RFC 5382 REQ-5: established TCP connections idle for at least 2 hours 4 minutes. */
    static final long TCP_IDLE_MS = 124 * 60_000L;
    private static final int LOWEST_PORT = 1024;

    private final InetAddress publicIp;
    private final NatBehaviour mapping;
    private final NatBehaviour filtering;
    private final long bindingMs;
    private final boolean preservePorts;
    private final boolean udpBlocked;
    private final RandomGenerator random;
    private final Table udp = new Table();
    private final Table tcp = new Table();

    /** One external port, with the destinations it has sent to (what the filter lets back in). */
    private static final class Mapping {
        final InetSocketAddress internal;
        final InetSocketAddress external;
        long expiresAt;
        final Map<Object, Long> sentUntil = new HashMap<>(4); // filter key -> when that permission lapses

        Mapping(InetSocketAddress internal, InetSocketAddress external) {
            this.internal = internal;
            this.external = external;
        }
    }

    private record Key(InetSocketAddress internal, Object destination) {}

    private static final class Table {
        final Map<Key, Mapping> byKey = new HashMap<>();
        final Map<Integer, Mapping> byPort = new HashMap<>();
        int sweepAt = 16; // table size that triggers the next purge of expired mappings (amortised)
    }

    /**
     * @param bindingMs UDP binding timeout (RFC 4787 REQ-5 asks for at least 2 minutes; not enforced so
     *                  that experiments can study shorter ones)
     */
    public NatDevice(InetAddress publicIp, NatBehaviour mapping, NatBehaviour filtering, long bindingMs,
                     boolean preservePorts, boolean udpBlocked, RandomGenerator random) {
        if (bindingMs <= 0) throw new IllegalArgumentException("binding timeout must be positive: " + bindingMs);
        this.publicIp = publicIp;
        this.mapping = mapping;
        this.filtering = filtering;
        this.bindingMs = bindingMs;
        this.preservePorts = preservePorts;
        this.udpBlocked = udpBlocked;
        this.random = random;
    }

    public InetAddress publicIp() {
        return publicIp;
    }

    @Override
    public InetSocketAddress outbound(long now, Transport transport, InetSocketAddress privateSource, InetSocketAddress destination) {
        if (transport == Transport.UDP && udpBlocked) return null;
        boolean isUdp = transport == Transport.UDP;
        Table t = isUdp ? udp : tcp;
        NatBehaviour m = isUdp ? mapping : NatBehaviour.ENDPOINT_INDEPENDENT; // RFC 5382 REQ-1
        Key key = new Key(privateSource, dependence(m, destination));
        Mapping map = t.byKey.get(key);
        if (map != null && map.expiresAt <= now) {
            remove(t, key, map);
            map = null;
        }
        if (map == null) {
            if (t.byPort.size() >= t.sweepAt) sweep(t, now);
            map = new Mapping(privateSource, new InetSocketAddress(publicIp, freePort(t, privateSource.getPort(), now)));
            t.byKey.put(key, map);
            t.byPort.put(map.external.getPort(), map);
        }
        long lifetime = isUdp ? bindingMs : TCP_IDLE_MS;
        map.expiresAt = now + lifetime; // RFC 4787 REQ-6: outbound refreshes the binding
        map.sentUntil.put(dependence(isUdp ? filtering : NatBehaviour.ADDRESS_AND_PORT_DEPENDENT, destination), now + lifetime);
        return map.external;
    }

    @Override
    public InetSocketAddress inbound(long now, Transport transport, InetSocketAddress source, InetSocketAddress to) {
        if (transport == Transport.UDP && udpBlocked) return null;
        boolean isUdp = transport == Transport.UDP;
        if (!publicIp.equals(to.getAddress())) return null;
        Table t = isUdp ? udp : tcp;
        Mapping map = t.byPort.get(to.getPort());
        if (map == null || map.expiresAt <= now) return null; // no binding: RFC 4787 §4.3, inbound does not refresh
        NatBehaviour f = isUdp ? filtering : NatBehaviour.ADDRESS_AND_PORT_DEPENDENT; // TCP: opened-to endpoints only
        Long until = map.sentUntil.get(dependence(f, source));
        return until != null && until > now ? map.internal : null;
    }

    /** Mappings alive at {@code now} (tests and memory accounting). */
    public int liveMappings(long now, Transport transport) {
        int n = 0;
        for (Mapping m : (transport == Transport.UDP ? udp : tcp).byPort.values()) if (m.expiresAt > now) n++;
        return n;
    }

    /** The part of a remote endpoint a behaviour depends on (RFC 4787 §4.1 / §5). */
    private static Object dependence(NatBehaviour b, InetSocketAddress remote) {
        return switch (b) {
            case ENDPOINT_INDEPENDENT -> Boolean.TRUE;
            case ADDRESS_DEPENDENT -> remote.getAddress();
            case ADDRESS_AND_PORT_DEPENDENT -> remote;
        };
    }

    /** RFC 4787 §4.2.1: keep the internal port when preserving and it is free, else any free port (no overloading, REQ-3). */
    private int freePort(Table t, int internalPort, long now) {
        if (preservePorts && internalPort >= LOWEST_PORT && isFree(t, internalPort, now)) return internalPort;
        for (int tries = 0; tries < 1_000_000; tries++) {
            int p = LOWEST_PORT + random.nextInt(65536 - LOWEST_PORT);
            if (isFree(t, p, now)) return p;
        }
        throw new IllegalStateException("NAT " + publicIp + " has no free port");
    }

    private boolean isFree(Table t, int port, long now) {
        Mapping m = t.byPort.get(port);
        if (m == null) return true;
        if (m.expiresAt > now) return false;
        t.byKey.values().remove(m); // rare: an expired mapping still holding the port
        t.byPort.remove(port);
        return true;
    }

    /** Forgets expired mappings so that a long run does not keep every binding it ever made. */
    private static void sweep(Table t, long now) {
        t.byKey.values().removeIf(m -> m.expiresAt <= now);
        t.byPort.values().removeIf(m -> m.expiresAt <= now);
        t.sweepAt = Math.max(16, 2 * t.byPort.size());
    }

    private static void remove(Table t, Key key, Mapping map) {
        t.byKey.remove(key);
        t.byPort.remove(map.external.getPort(), map);
    }
}
