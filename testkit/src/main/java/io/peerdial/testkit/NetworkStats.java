package io.peerdial.testkit;

/**
 * Live traffic counters of an {@link InMemoryNetwork} (read them any time; {@link #toString()} summarises).
 * Every datagram a live node sends ends up in exactly one of: lost, intercepted, delivered, to an unknown
 * address, to a dead node, or still in flight.
 */
public final class NetworkStats {

    long datagramsSent;
    long datagramsDelivered;
    long datagramsLost;
    long datagramsIntercepted;
    long datagramsToUnknown;
    long datagramsToDead;
    long eventsProcessed;

    NetworkStats() {
    }

    /** Datagrams emitted by live nodes (whatever became of them). */
    public long datagramsSent() {
        return datagramsSent;
    }

    /** Datagrams handed to a live core. */
    public long datagramsDelivered() {
        return datagramsDelivered;
    }

    /** Datagrams the loss model dropped. */
    public long datagramsLost() {
        return datagramsLost;
    }

    /** Datagrams the interceptor dropped. */
    public long datagramsIntercepted() {
        return datagramsIntercepted;
    }

    /** Datagrams that arrived at an address with no node. */
    public long datagramsToUnknown() {
        return datagramsToUnknown;
    }

    /** Datagrams that arrived at a killed node. */
    public long datagramsToDead() {
        return datagramsToDead;
    }

    /** Queue entries processed (deliveries, timers, scheduled actions). */
    public long eventsProcessed() {
        return eventsProcessed;
    }

    @Override
    public String toString() {
        return "NetworkStats[sent=" + datagramsSent + ", delivered=" + datagramsDelivered + ", lost=" + datagramsLost
                + ", intercepted=" + datagramsIntercepted + ", toUnknown=" + datagramsToUnknown
                + ", toDead=" + datagramsToDead + ", events=" + eventsProcessed + "]";
    }
}
