package io.peerdial.node.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerdial.overlay.identity.NodeKeyPair;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #4 "Rate limits per source": a burst from one source IP beyond its bucket gets 503 with
 * Retry-After on either face, while another source IP (127.0.0.2, also loopback) is served.
 * Buckets of 3 that practically never refill (one token per 1,000 s) keep the test independent of timing.
 */
class SourceRateLimitTest {

    private static final InetAddress SOURCE_1 = InetAddress.getLoopbackAddress();
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(SOURCE_1, 0);
    private static final SipService.SourceLimit TINY = new SipService.SourceLimit(0.001, 3);
    private static SipService sip;
    private static int branch;

    @BeforeAll
    static void start() throws Exception {
        Registrar.Bindings none = new Registrar.Bindings() {
            @Override
            public CompletableFuture<?> publish(io.peerdial.location.binding.Aor aor, Duration ttl,
                                               java.util.List<io.peerdial.location.binding.BindingContact> contacts) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<?> withdraw(io.peerdial.location.binding.Aor aor) {
                return CompletableFuture.completedFuture(null);
            }
        };
        sip = SipService.start(new SipService.Settings(ANY_LOOPBACK, ANY_LOOPBACK, Duration.ofSeconds(3), 100, 16 * 1024, TINY, TINY),
                NodeKeyPair.generate(new SplittableRandom(4)), aor -> CompletableFuture.completedFuture(List.of()), none);
    }

    @AfterAll
    static void stop() {
        sip.close();
    }

    @Test
    void aBurstFromOnePhoneSourceGets503WithRetryAfterAndAnotherSourceIsServed() throws Exception {
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 5; i++) first.add(options(SOURCE_1, sip.phoneAddress()));
        assertThat(first.subList(0, 3)).allSatisfy(r -> assertThat(r).startsWith("SIP/2.0 200"));
        assertThat(first.subList(3, 5)).allSatisfy(r -> assertThat(r).startsWith("SIP/2.0 503 Over Source Rate").contains("Retry-After: 5"));

        assertThat(options(InetAddress.getByName("127.0.0.2"), sip.phoneAddress())).startsWith("SIP/2.0 200");
    }

    @Test
    void theNodeFaceLimitsBeforeCheckingSignatures() throws Exception {
        InetAddress source = InetAddress.getByName("127.0.0.3");
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) answers.add(options(source, sip.peerAddress()));
        assertThat(answers.subList(0, 3)).allSatisfy(r -> assertThat(r).startsWith("SIP/2.0 403")); // unsigned
        assertThat(answers.get(3)).startsWith("SIP/2.0 503 Over Source Rate").contains("Retry-After: 5");

        assertThat(options(InetAddress.getByName("127.0.0.4"), sip.peerAddress())).startsWith("SIP/2.0 403");
    }

    /** One OPTIONS (to the node itself) from {@code source}; the first non-100 response, whole. */
    private static String options(InetAddress source, InetSocketAddress to) throws Exception {
        String host = to.getAddress().getHostAddress();
        int b = ++branch;
        return RawSip.exchange(source, to, port -> "OPTIONS sip:" + host + ":" + to.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + source.getHostAddress() + ":" + port + ";branch=z9hG4bKrate" + b + "\r\n"
                + "From: <sip:alice@example.org>;tag=1\r\nTo: <sip:" + host + ">\r\nCall-ID: rate-" + b + "\r\n"
                + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    }
}
