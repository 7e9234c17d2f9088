package io.peerdial.node.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.BindingContact;
import io.peerdial.node.sip.LocalRegistrar;
import io.peerdial.node.sip.ServedAors;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The registrar's writes of a binding, against a fake DHT side whose writes the test completes:
 * one write of an AOR at a time, the newest contacts last, failed writes retried per AOR with
 * growing delays. A write's seq is taken when it starts, so these orders are the storers' orders.
 */
class RegistrarPublicationTest {

    private static final Aor BOB = Aor.parse("sip:bob@example.org");
    private static final Aor ALICE = Aor.parse("sip:alice@example.org");
    private static final List<BindingContact> DIRECT = List.of(contact(5060));
    private static final List<BindingContact> VIA_S1 = List.of(contact(5061));
    private static final List<BindingContact> VIA_S2 = List.of(contact(5062));

    /** The DHT side: records every write; the test completes them. */
    private static final class FakeBindings implements Registrar.Bindings {
        record Write(Aor aor, List<BindingContact> contacts, CompletableFuture<Void> result) {}

        final List<Write> writes = new ArrayList<>();
        final List<Aor> withdrawn = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<?> publish(Aor aor, Duration ttl, List<BindingContact> contacts) {
            Write w = new Write(aor, contacts, new CompletableFuture<>());
            writes.add(w);
            return w.result();
        }

        @Override
        public synchronized CompletableFuture<?> withdraw(Aor aor) {
            withdrawn.add(aor);
            return CompletableFuture.completedFuture(null);
        }

        synchronized List<Write> of(Aor aor) {
            return writes.stream().filter(w -> w.aor().equals(aor)).toList();
        }

        synchronized Write last(Aor aor) {
            List<Write> all = of(aor);
            return all.get(all.size() - 1);
        }
    }

    private final FakeBindings dht = new FakeBindings();
    private final LocalRegistrar table = new LocalRegistrar();
    private List<BindingContact> contacts = DIRECT;
    private long now = 1_700_000_000_000L;
    private final Registrar registrar = new Registrar(table, null, dht, null, () -> contacts, ServedAors.ANY, () -> now);

    @Test
    void aRepublishWhileAWriteIsUnderWayWaitsForItThenWritesTheNewestContacts() {
        registrar.publish(BOB, 600);
        contacts = VIA_S1; // the rendezvous changes twice while the first write is under way
        registrar.republishAll();
        contacts = VIA_S2;
        registrar.republishAll();
        assertThat(dht.of(BOB)).as("no second write while the first is under way").hasSize(1);

        dht.last(BOB).result().complete(null);
        assertThat(dht.of(BOB)).extracting(FakeBindings.Write::contacts).containsExactly(DIRECT, VIA_S2);

        dht.last(BOB).result().complete(null);
        now += 300_000;
        registrar.sweep();
        assertThat(dht.of(BOB)).as("nothing left to write").hasSize(2);
    }

    @Test
    void aRepublishWithTheContactsTheWriteUnderWayCarriesIsNotWrittenTwice() {
        registrar.publish(BOB, 600);
        registrar.republishAll();
        dht.last(BOB).result().complete(null);
        assertThat(dht.of(BOB)).hasSize(1);
    }

    @Test
    void aWriteThatFailedWhileARepublishWaitedIsWrittenAgainAtOnceWithTheCurrentContacts() {
        registrar.publish(BOB, 600);
        registrar.republishAll();
        dht.last(BOB).result().completeExceptionally(new RuntimeException("no node to store on"));
        assertThat(dht.of(BOB)).extracting(FakeBindings.Write::contacts).containsExactly(DIRECT, DIRECT);
    }

    @Test
    void aFailedWriteIsRetriedWithTheCurrentContactsAfter5sThenTwiceAsLateUpTo60s() {
        registrar.publish(BOB, 600);
        dht.last(BOB).result().completeExceptionally(new RuntimeException("no node to store on"));
        contacts = VIA_S1;
        long failedAt = now;
        for (long delay : new long[] {5_000, 10_000, 20_000, 40_000, 60_000, 60_000}) {
            int before = dht.of(BOB).size();
            now = failedAt + delay - 1;
            registrar.sweep();
            assertThat(dht.of(BOB)).as("not before %d ms", delay).hasSize(before);
            now = failedAt + delay;
            registrar.sweep();
            assertThat(dht.of(BOB)).as("retried after %d ms", delay).hasSize(before + 1);
            registrar.sweep();
            assertThat(dht.of(BOB)).as("one retry under way at a time").hasSize(before + 1);
            assertThat(dht.last(BOB).contacts()).isEqualTo(VIA_S1);
            failedAt = now;
            dht.last(BOB).result().completeExceptionally(new RuntimeException("no node to store on"));
        }
        now += 60_000;
        registrar.sweep();
        dht.last(BOB).result().complete(null);
        int written = dht.of(BOB).size();
        now += 600_000;
        registrar.sweep();
        assertThat(dht.of(BOB)).as("published: no more retries").hasSize(written);
    }

    /** Bob's first write fails, and so does its first retry 5 s later: the next is due 10 s after that. */
    private void publishBobAndFailTwice() {
        long t0 = now;
        registrar.publish(BOB, 600);
        dht.last(BOB).result().completeExceptionally(new RuntimeException("down"));
        now = t0 + 5_000;
        registrar.sweep();
        dht.last(BOB).result().completeExceptionally(new RuntimeException("down"));
    }

    @Test
    void eachAorHasItsOwnRetryDelay() {
        long t0 = now;
        publishBobAndFailTwice(); // bob's next retry at t0 + 15 s

        now = t0 + 6_000;
        registrar.publish(ALICE, 600);
        dht.last(ALICE).result().completeExceptionally(new RuntimeException("down")); // alice's first retry at t0 + 11 s
        now = t0 + 11_000;
        registrar.sweep();
        assertThat(dht.of(ALICE)).hasSize(2);
        assertThat(dht.of(BOB)).hasSize(2);
        dht.last(ALICE).result().complete(null);

        now = t0 + 15_000;
        registrar.sweep();
        assertThat(dht.of(BOB)).hasSize(3);
        assertThat(dht.of(ALICE)).as("published: not retried").hasSize(2);
    }

    @Test
    void aRepublishWritesAtOnceAndStartsTheRetryDelaysOver() {
        long t0 = now;
        publishBobAndFailTwice(); // next retry in 10 s

        now = t0 + 6_000;
        contacts = VIA_S1;
        registrar.republishAll(); // the node joined, or its rendezvous changed
        assertThat(dht.of(BOB)).hasSize(3);
        assertThat(dht.last(BOB).contacts()).isEqualTo(VIA_S1);
        dht.last(BOB).result().completeExceptionally(new RuntimeException("bootstrap node not in the table yet"));
        now = t0 + 11_000;
        registrar.sweep();
        assertThat(dht.of(BOB)).as("5 s after the republish's failure, not 10").hasSize(4);
    }

    @Test
    void aBindingWithdrawnWhileItsWriteIsUnderWayIsNotWrittenAgain() {
        table.register(now, BOB, "sip:bob@127.0.0.1:5070", 60);
        registrar.publish(BOB, 60);
        registrar.republishAll();
        now += 61_000;
        registrar.sweep(); // the registration expired: tombstone
        assertThat(dht.withdrawn).containsExactly(BOB);

        dht.last(BOB).result().completeExceptionally(new RuntimeException("no node to store on"));
        now += 120_000;
        registrar.sweep();
        assertThat(dht.of(BOB)).as("neither the waiting republish nor a retry").hasSize(1);
    }

    private static BindingContact contact(int port) {
        return BindingContact.direct(BindingContact.Transport.UDP, InetAddress.getLoopbackAddress(), port);
    }
}
