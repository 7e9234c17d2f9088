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
 * {@link StatusJson}), {@code GET /metrics} (Prometheus text, see {@link PrometheusText}) and
 * {@code POST /bindings} (publish a binding signed by the node's user key, see {@link BindingRequest}).
 * It refuses to bind anything but a loopback address: it has no authentication.
 */
public final class ControlServer implements AutoCloseable {

    private static final long SNAPSHOT_TIMEOUT_MS = 2_000;
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private static final long PUBLISH_TIMEOUT_MS = 15_000;

    /** Publishes a binding for {@code POST /bindings}; completes with the JSON to answer. */
    @FunctionalInterface
    public interface BindingRegistrar {
        CompletableFuture<String> register(BindingRequest request);
    }

    private final Supplier<CompletableFuture<NodeSnapshot>> snapshots;
    private final BindingRegistrar registrar;

    private ControlServer(HttpServer server, ExecutorService executor, Supplier<CompletableFuture<NodeSnapshot>> snapshots,
                          BindingRegistrar registrar) {
        this.server = server;
        this.executor = executor;
        this.snapshots = snapshots;
        this.registrar = registrar;
    }

    /** Without {@code POST /bindings} (it answers 404). */
    public static ControlServer start(InetSocketAddress bind, Supplier<CompletableFuture<NodeSnapshot>> snapshots) throws IOException {
        return start(bind, snapshots, null);
    }

    /**
     * Serves the endpoint on {@code bind} (a loopback address) with one daemon thread.
     *
     * @param snapshots gives the node's current state; called once per request
     * @throws IllegalArgumentException if {@code bind} is not a loopback address
     * @throws java.net.BindException   if the address is in use
     */
    public static ControlServer start(InetSocketAddress bind, Supplier<CompletableFuture<NodeSnapshot>> snapshots,
                                      BindingRegistrar registrar) throws IOException {
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
        ControlServer control = new ControlServer(server, executor, snapshots, registrar);
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
            if (path.equals("/bindings") && registrar != null) {
                handleBindings(exchange, method);
                return;
            }
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

    private void handleBindings(HttpExchange exchange, String method) throws IOException {
        if (!method.equals("POST")) {
            exchange.getResponseHeaders().add("Allow", "POST");
            reply(exchange, 405, "text/plain; charset=utf-8", "method not allowed: " + method + "\n");
            return;
        }
        byte[] body = exchange.getRequestBody().readNBytes(BindingRequest.MAX_BODY_BYTES + 1);
        if (body.length > BindingRequest.MAX_BODY_BYTES) {
            reply(exchange, 413, "text/plain; charset=utf-8", "body over " + BindingRequest.MAX_BODY_BYTES + " bytes\n");
            return;
        }
        BindingRequest request;
        try {
            request = BindingRequest.parseForm(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
            return;
        }
        try {
            String json = registrar.register(request).get(PUBLISH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            reply(exchange, 200, "application/json", json + "\n");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            int code = cause instanceof IllegalArgumentException ? 400 : 502;
            reply(exchange, code, "text/plain; charset=utf-8", "publish failed: " + cause.getMessage() + "\n");
        } catch (Exception e) {
            reply(exchange, 504, "text/plain; charset=utf-8", "publish did not finish: " + e + "\n");
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
