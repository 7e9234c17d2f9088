package io.peerdial.relay.server;

import io.peerdial.relay.turn.ReservationToken;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * Ports held for a later Allocate (RFC 8656 §7.2, EVEN-PORT with R=1): the odd port above an even
 * relayed port, named by an 8-byte RESERVATION-TOKEN, released if unused after {@link #HOLD_MS}.
 */
final class Reservations {
    /** RFC 8656 §7.2 suggests holding the port about 30 seconds. */
    static final long HOLD_MS = 30_000;

    private record Held(long key, InetSocketAddress address, long expiresAt) implements Comparable<Held> {
        @Override
        public int compareTo(Held o) {
            return Long.compare(expiresAt, o.expiresAt);
        }
    }

    private final RelayPorts ports;
    private final RandomGenerator random;
    private final Map<Long, Held> byKey = new HashMap<>();
    private final PriorityQueue<Held> byExpiry = new PriorityQueue<>();

    Reservations(RelayPorts ports, RandomGenerator random) {
        this.ports = ports;
        this.random = random;
    }

    /** An even port whose odd neighbour is free too, both reserved; null after a few failed tries. */
    InetSocketAddress reservePair(int family) {
        for (int attempt = 0; attempt < 8; attempt++) {
            InetSocketAddress even = ports.reserve(family, true);
            if (even == null) {
                return null;
            }
            if (ports.reserveExact(new InetSocketAddress(even.getAddress(), even.getPort() + 1)) != null) {
                return even;
            }
            ports.release(even);
        }
        return null;
    }

    /** Holds port + 1 of {@code even} (reserved by {@link #reservePair}) under a fresh token. */
    ReservationToken hold(long now, InetSocketAddress even) {
        long key;
        do {
            key = random.nextLong();
        } while (byKey.containsKey(key));
        Held h = new Held(key, new InetSocketAddress(even.getAddress(), even.getPort() + 1), now + HOLD_MS);
        byKey.put(key, h);
        byExpiry.add(h);
        byte[] token = new byte[ReservationToken.LENGTH];
        for (int i = 0; i < token.length; i++) {
            token[i] = (byte) (key >>> (56 - 8 * i));
        }
        return new ReservationToken(token);
    }

    /** The held address for {@code token}, now handed over to an allocation; null if unknown or expired. */
    InetSocketAddress take(long now, ReservationToken token) {
        long key = 0;
        for (byte b : token.token()) {
            key = (key << 8) | (b & 0xFF);
        }
        Held h = byKey.get(key);
        if (h == null || now >= h.expiresAt) {
            return null;
        }
        byKey.remove(key);
        return h.address;
    }

    /** Releases reservations that ended by {@code now}. */
    void expire(long now) {
        for (Held h; (h = byExpiry.peek()) != null && h.expiresAt <= now; ) {
            byExpiry.poll();
            if (byKey.remove(h.key, h)) {
                ports.release(h.address);
            }
        }
    }

    /** Next expiry, or Long.MAX_VALUE. */
    long nextExpiry() {
        Held h = byExpiry.peek();
        return h == null ? Long.MAX_VALUE : h.expiresAt;
    }
}
