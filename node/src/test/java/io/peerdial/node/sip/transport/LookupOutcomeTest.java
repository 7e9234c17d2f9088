package io.peerdial.node.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.read.LookupResult;
import io.peerdial.location.service.Location;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What the proxy makes of a lookup: nothing found is 404 only if some node answered (else 408). */
class LookupOutcomeTest {

    private static final LookupResult NOTHING = new LookupResult(List.of(), Map.of(), Map.of(), 0, 0, List.of());

    @Test
    void nothingFromNodesThatAnsweredIsNotFound() {
        SipService.Looked looked = SipService.looked(new Location.Found(NOTHING, 2, 6, 3));
        assertThat(looked.bindings()).isEmpty();
        assertThat(looked.rounds()).isEqualTo(2);
    }

    @Test
    void nothingBecauseNoNodeAnsweredIsATimeout() {
        assertThatThrownBy(() -> SipService.looked(new Location.Found(NOTHING, 1, 3, 0)))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(TimeoutException.class)
                .hasMessageContaining("no node answered the lookup (3 requests)");
    }

    @Test
    void aLoneNodeThatAskedNobodyFindsNothing() {
        assertThat(SipService.looked(new Location.Found(NOTHING, 0, 0, 0)).bindings()).isEmpty();
    }
}
