package io.peerdial.node.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.node.media.ice.TurnServer;
import org.junit.jupiter.api.Test;

class IssuedCredentialsTest {

    @Test
    void aTurnServerHandedOutLeadsBackToItsCredentialsUntilAfterExpiry() {
        IssuedCredentials issued = new IssuedCredentials();
        RelayCredentials c = RelayReceiptTrackerTest.credentials(1, "10.0.0.1", "1000:aa"); // expires at 1,000,000
        TurnServer server = issued.add(0, c);
        assertThat(server).isEqualTo(new TurnServer(c.turnServer(), c.username(), c.password(), false));
        assertThat(issued.find(10, server)).contains(c);
        // another credential of the same relay is another server
        assertThat(issued.find(10, new TurnServer(c.turnServer(), c.username(), "other"))).isEmpty();
        assertThat(issued.find(c.expiresAt() + IssuedCredentials.RETAIN_AFTER_EXPIRY_MS, server)).contains(c);
        assertThat(issued.find(c.expiresAt() + IssuedCredentials.RETAIN_AFTER_EXPIRY_MS + 1, server)).isEmpty();
        assertThat(issued.isEmpty()).isTrue();
    }

    @Test
    void keepsAtMostMaxEntriesDroppingTheOldest() {
        IssuedCredentials issued = new IssuedCredentials();
        TurnServer first = issued.add(0, RelayReceiptTrackerTest.credentials(1, "10.0.0.1", "1000:0"));
        for (int i = 1; i <= IssuedCredentials.MAX_ENTRIES; i++) {
            issued.add(0, RelayReceiptTrackerTest.credentials(1, "10.0.0.1", "1000:" + i));
        }
        assertThat(issued.size()).isEqualTo(IssuedCredentials.MAX_ENTRIES);
        assertThat(issued.find(0, first)).isEmpty();
    }
}
