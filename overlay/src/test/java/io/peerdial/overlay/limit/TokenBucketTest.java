package io.peerdial.overlay.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void burstThenRate() {
        TokenBucket b = new TokenBucket(10, 5, 0);
        int ok = 0;
        for (int i = 0; i < 20; i++) if (b.tryAcquire(0)) ok++;
        assertThat(ok).isEqualTo(5);
        assertThat(b.tryAcquire(99)).isFalse();   // 0.99 tokens refilled
        assertThat(b.tryAcquire(100)).isTrue();   // 1 token after 100 ms at 10/s
        int later = 0;
        for (int i = 0; i < 20; i++) if (b.tryAcquire(10_000)) later++;
        assertThat(later).isEqualTo(5);           // never more than the burst
    }

    @Test
    void perSourceLimitsAreIndependentWithEnoughSlots() throws Exception {
        SourceRateLimiter l = new SourceRateLimiter(1, 2, 4096, 77);
        InetAddress a = InetAddress.getByName("192.0.2.1"), b = InetAddress.getByName("192.0.2.2");
        assertThat(l.allow(a, 0)).isTrue();
        assertThat(l.allow(a, 0)).isTrue();
        assertThat(l.allow(a, 0)).isFalse();
        assertThat(l.allow(b, 0)).isTrue();   // another source has its own bucket
        assertThat(l.allow(a, 999)).isFalse();
        assertThat(l.allow(a, 1000)).isTrue(); // refilled at 1/s
    }

    @Test
    void oneSlotMeansOneSharedBucketAndSlotsRoundUpToPowersOfTwo() throws Exception {
        SourceRateLimiter l = new SourceRateLimiter(1, 1, 1, 0);
        assertThat(l.allow(InetAddress.getByName("192.0.2.1"), 0)).isTrue();
        assertThat(l.allow(InetAddress.getByName("198.51.100.9"), 0)).isFalse();
        assertThat(new SourceRateLimiter(1, 1, 1000, 0).slots()).isEqualTo(1024);
        assertThat(new SourceRateLimiter(1, 1, 1024, 0).slots()).isEqualTo(1024);
        assertThat(new SourceRateLimiter(1, 1, 2, 0).slots()).isEqualTo(2);
    }

    @Test
    void ipv6SourcesAreLimitedToo() throws Exception {
        SourceRateLimiter l = new SourceRateLimiter(1, 1, 4096, 5);
        InetAddress v6 = InetAddress.getByName("2001:db8::1");
        assertThat(l.allow(v6, 0)).isTrue();
        assertThat(l.allow(v6, 0)).isFalse();
    }

    @Test
    void rejectsNonsenseParameters() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceRateLimiter(1, 0.5, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceRateLimiter(1, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
