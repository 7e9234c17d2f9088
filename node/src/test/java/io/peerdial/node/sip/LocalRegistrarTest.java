package io.peerdial.node.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.binding.Aor;
import org.junit.jupiter.api.Test;

class LocalRegistrarTest {

    private static final Aor BOB = Aor.parse("sip:bob@example.org");

    @Test
    void firstContactPublishesLastOneGoneWithdraws() {
        LocalRegistrar r = new LocalRegistrar();
        assertThat(r.register(0, BOB, "sip:bob@127.0.0.1:5090", 60)).isEqualTo(LocalRegistrar.Change.FIRST);
        assertThat(r.register(10, BOB, "sip:bob@127.0.0.1:5091", 60)).isEqualTo(LocalRegistrar.Change.REFRESHED);
        assertThat(r.contacts(20, BOB)).extracting(LocalRegistrar.Registration::contactUri)
                .containsExactly("sip:bob@127.0.0.1:5090", "sip:bob@127.0.0.1:5091");
        assertThat(r.register(30, BOB, "sip:bob@127.0.0.1:5090", 0)).isEqualTo(LocalRegistrar.Change.NONE);
        assertThat(r.register(40, BOB, "sip:bob@127.0.0.1:5091", 0)).isEqualTo(LocalRegistrar.Change.LAST_GONE);
        assertThat(r.contacts(50, BOB)).isEmpty();
        assertThat(r.size()).isZero();
    }

    @Test
    void expiredContactsAreDroppedAndReportedOnce() {
        LocalRegistrar r = new LocalRegistrar();
        r.register(0, BOB, "sip:bob@127.0.0.1:5090", 60);
        assertThat(r.expire(59_999)).isEmpty();
        assertThat(r.expire(60_000)).containsExactly(BOB);
        assertThat(r.expire(60_001)).isEmpty();
        assertThat(r.register(70_000, BOB, "sip:bob@127.0.0.1:5090", 60)).isEqualTo(LocalRegistrar.Change.FIRST);
    }

    @Test
    void wildcardRemovalAndLimits() {
        LocalRegistrar r = new LocalRegistrar();
        for (int i = 0; i < LocalRegistrar.MAX_CONTACTS_PER_AOR; i++) r.register(0, BOB, "sip:bob@127.0.0.1:" + (6000 + i), 60);
        assertThatThrownBy(() -> r.register(0, BOB, "sip:bob@127.0.0.1:7000", 60)).isInstanceOf(IllegalStateException.class);
        assertThat(r.removeAll(1, BOB)).isEqualTo(LocalRegistrar.Change.LAST_GONE);
        assertThat(r.removeAll(1, BOB)).isEqualTo(LocalRegistrar.Change.NONE);
    }
}
