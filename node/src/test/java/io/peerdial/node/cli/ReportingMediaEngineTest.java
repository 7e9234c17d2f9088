package io.peerdial.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.media.sdp.Format;
import io.peerdial.node.media.sdp.MediaDirection;
import io.peerdial.node.media.sdp.Negotiated;
import io.peerdial.node.phone.CallMedia;
import io.peerdial.node.phone.MediaOptions;
import io.peerdial.node.phone.NoMediaEngine;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportingMediaEngineTest {

    private final List<String> lines = new ArrayList<>();
    private final List<Runnable> ticks = new ArrayList<>();
    private final List<Duration> periods = new ArrayList<>();
    private int cancelled;
    private final ReportingMediaEngine.Ticker ticker = (period, task) -> {
        periods.add(period);
        ticks.add(task);
        return () -> cancelled++;
    };
    private static final Negotiated PCMU = new Negotiated("127.0.0.1", 4000, new Format(0, "PCMU", 8000, 1),
            101, MediaDirection.SENDRECV, false, true, 20, List.of());

    @Test
    void aRunningLegReportsItsQualityEachPeriodAndStopsWhenItCloses() throws Exception {
        ReportingMediaEngine engine = new ReportingMediaEngine(new NoMediaEngine(), lines::add, Duration.ofSeconds(10), ticker);
        CallMedia leg = engine.open(InetAddress.getLoopbackAddress(), new MediaOptions(null, null));
        assertThat(ticks).as("nothing before the media starts").isEmpty();
        leg.start(PCMU);
        leg.start(PCMU); // a re-INVITE: still one reporter
        assertThat(periods).containsExactly(Duration.ofSeconds(10));
        ticks.get(0).run();
        ticks.get(0).run();
        assertThat(lines).hasSize(2).allMatch(l -> l.startsWith("quality none: "));
        leg.close();
        leg.close();
        assertThat(cancelled).isEqualTo(1);
        assertThat(lines).hasSize(3).last().asString().startsWith("media none: ");
    }

    @Test
    void withoutAPeriodOnlyTheFinalCountersArePrinted() throws Exception {
        ReportingMediaEngine engine = new ReportingMediaEngine(new NoMediaEngine(), lines::add);
        CallMedia leg = engine.open(InetAddress.getLoopbackAddress(), new MediaOptions(null, null));
        leg.start(PCMU);
        leg.close();
        assertThat(ticks).isEmpty();
        assertThat(lines).singleElement().asString().startsWith("media none: ");
    }
}
