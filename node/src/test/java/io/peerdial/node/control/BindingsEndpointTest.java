package io.peerdial.node.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerdial.location.binding.Aor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@code POST /bindings}: the form it takes, and its refusals, with a fake registrar. */
class BindingsEndpointTest {

    private final List<BindingRequest> received = new ArrayList<>();

    private static HttpResponse<String> send(ControlServer server, String method, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + "/bindings"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    private ControlServer start(CompletableFuture<String> answer) throws Exception {
        return ControlServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> new CompletableFuture<>(),
                request -> {
                    received.add(request);
                    return answer;
                });
    }

    @Test
    void aValidFormReachesTheRegistrarAndItsJsonIsTheAnswer() throws Exception {
        try (ControlServer server = start(CompletableFuture.completedFuture("{\"ok\":1}"))) {
            BindingRequest sent = new BindingRequest(Aor.parse("sip:a@example.org"),
                    List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5062)), Duration.ofSeconds(90), new byte[] {1, 2});
            HttpResponse<String> r = send(server, "POST", sent.toForm());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body().strip()).isEqualTo("{\"ok\":1}");
            assertThat(received).singleElement().satisfies(got -> {
                assertThat(got.aor()).isEqualTo(sent.aor());
                assertThat(got.contacts()).isEqualTo(sent.contacts());
                assertThat(got.ttl()).isEqualTo(Duration.ofSeconds(90));
                assertThat(got.certificate()).containsExactly(1, 2);
            });
        }
    }

    @Test
    void badFormsWrongMethodsAndFailedPublishesAreRefused() throws Exception {
        try (ControlServer server = start(CompletableFuture.failedFuture(new IllegalStateException("no holder stored the entry")))) {
            assertThat(send(server, "GET", null).statusCode()).isEqualTo(405);
            HttpResponse<String> noAor = send(server, "POST", "contact=127.0.0.1:5060");
            assertThat(noAor.statusCode()).isEqualTo(400);
            assertThat(noAor.body()).contains("missing field 'aor'");
            HttpResponse<String> badExpires = send(server, "POST", "aor=sip:a@b.c&expires=99999");
            assertThat(badExpires.statusCode()).isEqualTo(400);
            assertThat(badExpires.body()).contains("expires");
            assertThat(send(server, "POST", "aor=sip:a@b.c&bogus=1").body()).contains("bad field 'bogus'");
            assertThat(send(server, "POST", "x".repeat(BindingRequest.MAX_BODY_BYTES + 1)).statusCode()).isEqualTo(413);
            HttpResponse<String> failed = send(server, "POST", "aor=sip:a@b.c");
            assertThat(failed.statusCode()).isEqualTo(502);
            assertThat(failed.body()).contains("no holder stored the entry");
        }
        assertThatThrownBy(() -> BindingRequest.parseForm("aor=nonsense")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'aor'");
    }
}
