package io.peerdial.overlay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.kademlia.OverlayConfig;
import io.peerdial.overlay.kademlia.OverlayEvent.AppFailure;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.storage.InMemoryStoragePolicy;
import io.peerdial.overlay.wire.ErrorMessage.ErrorCode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Application requests between two {@link OverlayRuntime}s on 127.0.0.1: sync, async and refusing handlers. */
class OverlayRuntimeAppTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private final SplittableRandom random = new SplittableRandom(3);

    private OverlayRuntime start() throws Exception {
        NodeKeyPair identity = NodeKeyPair.generate(random.split());
        SplittableRandom r = random.split();
        return OverlayRuntime.start(LOOPBACK,
                local -> new OverlayNode(OverlayConfig.defaults(), identity, new InMemoryStoragePolicy(), r), e -> {});
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void handlersAnswerAtOnceLaterOrWithARefusal() throws Exception {
        try (OverlayRuntime server = start(); OverlayRuntime client = start()) {
            CompletableFuture<byte[]> later = new CompletableFuture<>();
            server.serve(1, call -> CompletableFuture.completedFuture(("now " + new String(call.payload(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8))).get();
            server.serve(2, call -> later).get();
            server.serve(3, call -> { throw new AppRefusedException(ErrorCode.OVERLOADED, "full"); }).get();

            byte[] now = client.appRequest(server.localAddress(), server.nodeId(), 1, utf8("x")).get(5, TimeUnit.SECONDS);
            assertThat(new String(now, StandardCharsets.UTF_8)).isEqualTo("now x");

            CompletableFuture<byte[]> slow = client.appRequest(server.localAddress(), null, 2, utf8("y"));
            later.complete(utf8("later"));
            assertThat(new String(slow.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("later");

            Throwable refused = catchThrowable(() -> client.appRequest(server.localAddress(), null, 3, new byte[0]).get(5, TimeUnit.SECONDS));
            assertThat(refused).isInstanceOf(ExecutionException.class).cause().isInstanceOf(AppRequestFailedException.class);
            assertThat(((AppRequestFailedException) refused.getCause()).reason()).isEqualTo(AppFailure.REFUSED);

            Throwable unknown = catchThrowable(() -> client.appRequest(server.localAddress(), null, 4, new byte[0]).get(5, TimeUnit.SECONDS));
            assertThat(((AppRequestFailedException) unknown.getCause()).reason()).isEqualTo(AppFailure.UNKNOWN_SERVICE);
        }
    }
}
