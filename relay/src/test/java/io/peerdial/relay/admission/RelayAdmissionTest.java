package io.peerdial.relay.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gate's measured rate: it decides the bandwidth cap, and it is set from another thread than the gate's. */
class RelayAdmissionTest {
    private static final long MB = 1_000_000;
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000);
    private static final String USER = "alice";

    private final RelayAdmission gate = new RelayAdmission(new AdmissionPolicy(new RelayCaps(100, 1_000_000, 20_000, 4),
            new AdmissionRules(50 * MB, 0.5, 500 * MB, 4, false)), id -> 0L, id -> true);

    @Test
    void aMeasuredRateAtTheBandwidthCapRefusesWith508() {
        assertThat(gate.check(0, USER, CLIENT, 0)).isNull();
        gate.measured(1_000_000);
        assertThat(gate.check(0, USER, CLIENT, 0)).satisfies(r -> {
            assertThat(r.code()).isEqualTo(508);
            assertThat(r.reason()).contains("bandwidth");
        });
        gate.measured(-5); // a clock step backwards in the driver: no negative rate
        assertThat(gate.check(0, USER, CLIENT, 0)).isNull();
    }

    @Test
    void theRateSetOnTheTimerThreadIsSeenByTheRelayThread() throws Exception {
        CompletableFuture.runAsync(() -> gate.measured(1_000_000)).get(5, TimeUnit.SECONDS);
        assertThat(gate.check(0, USER, CLIENT, 0)).isNotNull();
        // what makes that hold without the join above: the field is volatile (read on the relay thread)
        Field f = RelayAdmission.class.getDeclaredField("measuredBytesPerSecond");
        assertThat(Modifier.isVolatile(f.getModifiers())).isTrue();
    }
}
