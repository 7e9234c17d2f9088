package io.peerdial.node.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.peerdial.node.daemon.HostPort;
import io.peerdial.node.daemon.NodeSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's loopback-only HTTP control endpoint: {@code GET /status} (JSON, see
 * {@link StatusJson}) and {@code GET /metrics} (Prometheus text, see {@link PrometheusText}).
 * It refuses to bind anything but a loopback address: it has no authentication.
 */
public final class ControlServer implements AutoCloseable {

    private static final long SNAPSHOT_TIMEOUT_MS = 2_000;
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<CompletableFuture<NodeSnapshot>> snapshots;

    private ControlServer(HttpServer server, ExecutorService executor, Supplier<CompletableFuture<NodeSnapshot>> snapshots) {
        this.server = server;
        this.executor = executor;
        this.snapshots = snapshots;
    }

    /**
     * Serves the endpoint on {@code bind} (a loopback address) with one daemon thread.
     *
     * @param snapshots gives the node's current state; called once per request
     * @throws IllegalArgumentException if {@code bind} is not a loopback address
     * @throws java.net.BindException   if the address is in use
     */
    public static ControlServer start(InetSocketAddress bind, Supplier<CompletableFuture<NodeSnapshot>> snapshots) throws IOException {
        Objects.requireNonNull(snapshots, "snapshots");
        if (bind.getAddress() == null || !bind.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the control endpoint is loopback-only, got " + bind);
        }
        HttpServer server = HttpServer.create(bind, 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "peerdial-control-" + server.getAddress().getPort());
            t.setDaemon(true);
            return t;
        });
        ControlServer control = new ControlServer(server, executor, snapshots);
        server.createContext("/", control::handle);
        server.setExecutor(executor);
        server.start();
        return control;
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops serving at once. Idempotent. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            server.stop(0);
        } catch (IllegalStateException alreadyStopped) {
            // idempotent
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/status") && !path.equals("/metrics")) {
                reply(exchange, 404, "text/plain; charset=utf-8", "not found: try /status or /metrics\n");
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                reply(exchange, 405, "text/plain; charset=utf-8", "method not allowed: " + method + "\n");
                return;
            }
            NodeSnapshot snapshot;
            try {
                snapshot = snapshots.get().get(SNAPSHOT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.debug("status snapshot failed", e);
                reply(exchange, 503, "text/plain; charset=utf-8", "node not answering: " + e + "\n");
                return;
            }
            if (path.equals("/status")) {
                reply(exchange, 200, "application/json", StatusJson.toJson(snapshot) + "\n");
            } else {
                reply(exchange, 200, PrometheusText.CONTENT_TYPE, PrometheusText.of(snapshot));
            }
        } catch (RuntimeException e) {
            log.warn("control request failed on {}: {}", HostPort.format(address()), e.toString(), e);
        }
    }

    private static void reply(HttpExchange exchange, int code, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
