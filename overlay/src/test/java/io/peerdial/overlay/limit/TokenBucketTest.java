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
    void perSourceLimitsAreIndependentAndBounded() throws Exception {
        SourceRateLimiter l = new SourceRateLimiter(1, 2, 2);
        InetAddress a = InetAddress.getByName("192.0.2.1"), b = InetAddress.getByName("192.0.2.2"), c = InetAddress.getByName("192.0.2.3");
        assertThat(l.allow(a, 0)).isTrue();
        assertThat(l.allow(a, 0)).isTrue();
        assertThat(l.allow(a, 0)).isFalse();
        assertThat(l.allow(b, 0)).isTrue();
        assertThat(l.allow(c, 0)).isTrue(); // evicts a (least recently active)
        assertThat(l.allow(a, 0)).isTrue(); // forgotten source starts with a full bucket
    }

    @Test
    void rejectsNonsenseParameters() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceRateLimiter(1, 0.5, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
