package io.peerdial.overlay.kademlia;

/**
 * Tunables of one overlay node. Defaults follow the Kademlia paper (k = 20, α = 3) and the
 * eclipse limits of issue #2; the simulator and tests change them through the builder-style
 * {@code with*} methods.
 *
 * @param k                    bucket size and replication factor
 * @param alpha                parallel requests per lookup
 * @param client               this node is a DHT client (behind NAT): it asks but is never added to tables
 * @param autoClient           decide {@code client} from reachability: a server until peers' observations
 *                             show a NAT or a UDP block, then a client (and back if it turns out PUBLIC)
 * @param maxPerSubnetPerBucket most contacts from one IPv4 /24 (IPv6 /64) in one bucket
 * @param maxPerSubnetPerTable most contacts from one IPv4 /24 (IPv6 /64) in the whole table
 * @param initialRpcTimeoutMs  request timeout before an RTT estimate exists for a contact
 * @param minRpcTimeoutMs      floor of the adaptive timeout
 * @param maxRpcTimeoutMs      ceiling of the adaptive timeout
 * @param bucketRefreshMs      a bucket untouched this long gets a lookup of a random ID in it
 * @param republishMs          how often held values are re-stored on the k closest nodes
 * @param rateLimitSlots       token buckets of the per-source rate limiter (sources hash into them)
 * @param perSourceRate        requests per second one source address may send (token bucket rate)
 * @param perSourceBurst       token bucket depth per source address
 * @param disjointPaths        d: node lookups, value lookups and stores run d disjoint paths (S/Kademlia §4.4),
 *                             each with α requests in flight; 1 = the plain Kademlia lookup
 */
public record OverlayConfig(
        int k,
        int alpha,
        boolean client,
        boolean autoClient,
        int maxPerSubnetPerBucket,
        int maxPerSubnetPerTable,
        long initialRpcTimeoutMs,
        long minRpcTimeoutMs,
        long maxRpcTimeoutMs,
        long bucketRefreshMs,
        long republishMs,
        int rateLimitSlots,
        double perSourceRate,
        double perSourceBurst,
        int disjointPaths) {

    public static OverlayConfig defaults() {
        return new OverlayConfig(20, 3, false, false, 2, 10, 1_000, 50, 5_000,
                3_600_000, 3_600_000, 1_024, 500, 1_000, 1);
    }

    public OverlayConfig {
        if (k < 1 || k > 20) throw new IllegalArgumentException("k must be in [1, 20], got " + k);
        if (alpha < 1 || alpha > k) throw new IllegalArgumentException("alpha must be in [1, k], got " + alpha);
        if (maxPerSubnetPerBucket < 1 || maxPerSubnetPerTable < maxPerSubnetPerBucket) {
            throw new IllegalArgumentException("subnet limits must satisfy 1 <= perBucket <= perTable");
        }
        if (minRpcTimeoutMs <= 0 || minRpcTimeoutMs > initialRpcTimeoutMs || initialRpcTimeoutMs > maxRpcTimeoutMs) {
            throw new IllegalArgumentException("timeouts must satisfy 0 < min <= initial <= max");
        }
        if (bucketRefreshMs <= 0 || republishMs <= 0) throw new IllegalArgumentException("intervals must be positive");
        if (rateLimitSlots < 1) throw new IllegalArgumentException("rateLimitSlots must be positive");
        if (!(perSourceRate > 0) || perSourceBurst < 1) throw new IllegalArgumentException("rate limit must be positive");
        if (disjointPaths < 1 || disjointPaths > k) {
            throw new IllegalArgumentException("disjointPaths must be in [1, k], got " + disjointPaths);
        }
    }

    public OverlayConfig withK(int newK) {
        return toBuilder().k(newK).alpha(Math.min(alpha, newK)).disjointPaths(Math.min(disjointPaths, newK)).build();
    }

    public OverlayConfig withAlpha(int newAlpha) {
        return toBuilder().alpha(newAlpha).build();
    }

    public OverlayConfig withClient(boolean newClient) {
        return toBuilder().client(newClient).build();
    }

    public OverlayConfig withAutoClient(boolean auto) {
        return toBuilder().autoClient(auto).build();
    }

    public OverlayConfig withSubnetLimits(int perBucket, int perTable) {
        return toBuilder().subnetLimits(perBucket, perTable).build();
    }

    public OverlayConfig withRateLimit(double rate, double burst) {
        return toBuilder().rateLimit(rate, burst).build();
    }

    /** Fewer rate-limiter slots: the simulator's memory budget per node (collisions only share buckets). */
    public OverlayConfig withRateLimitSlots(int slots) {
        return toBuilder().rateLimitSlots(slots).build();
    }

    /** Lookups over {@code d} disjoint paths (S/Kademlia §4.4); 1 = plain Kademlia. */
    public OverlayConfig withDisjointPaths(int d) {
        return toBuilder().disjointPaths(d).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some fields of a config; {@link #build} validates the result. */
    public static final class Builder {
        private int k, alpha, maxPerSubnetPerBucket, maxPerSubnetPerTable, rateLimitSlots, disjointPaths;
        private boolean client, autoClient;
        private long initialRpcTimeoutMs, minRpcTimeoutMs, maxRpcTimeoutMs, bucketRefreshMs, republishMs;
        private double perSourceRate, perSourceBurst;

        private Builder(OverlayConfig c) {
            k = c.k; alpha = c.alpha; client = c.client; autoClient = c.autoClient;
            maxPerSubnetPerBucket = c.maxPerSubnetPerBucket; maxPerSubnetPerTable = c.maxPerSubnetPerTable;
            initialRpcTimeoutMs = c.initialRpcTimeoutMs; minRpcTimeoutMs = c.minRpcTimeoutMs; maxRpcTimeoutMs = c.maxRpcTimeoutMs;
            bucketRefreshMs = c.bucketRefreshMs; republishMs = c.republishMs; rateLimitSlots = c.rateLimitSlots;
            perSourceRate = c.perSourceRate; perSourceBurst = c.perSourceBurst; disjointPaths = c.disjointPaths;
        }

        public Builder k(int v) { k = v; return this; }
        public Builder alpha(int v) { alpha = v; return this; }
        public Builder client(boolean v) { client = v; return this; }
        public Builder autoClient(boolean v) { autoClient = v; return this; }
        public Builder subnetLimits(int perBucket, int perTable) { maxPerSubnetPerBucket = perBucket; maxPerSubnetPerTable = perTable; return this; }
        public Builder rpcTimeouts(long initial, long min, long max) { initialRpcTimeoutMs = initial; minRpcTimeoutMs = min; maxRpcTimeoutMs = max; return this; }
        public Builder bucketRefreshMs(long v) { bucketRefreshMs = v; return this; }
        public Builder republishMs(long v) { republishMs = v; return this; }
        public Builder rateLimit(double rate, double burst) { perSourceRate = rate; perSourceBurst = burst; return this; }
        public Builder rateLimitSlots(int v) { rateLimitSlots = v; return this; }
        public Builder disjointPaths(int v) { disjointPaths = v; return this; }

        public OverlayConfig build() {
            return new OverlayConfig(k, alpha, client, autoClient, maxPerSubnetPerBucket, maxPerSubnetPerTable, initialRpcTimeoutMs,
                    minRpcTimeoutMs, maxRpcTimeoutMs, bucketRefreshMs, republishMs, rateLimitSlots, perSourceRate, perSourceBurst,
                    disjointPaths);
        }
    }
}
