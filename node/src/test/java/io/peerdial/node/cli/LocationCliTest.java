package io.peerdial.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.trust.DomainCertificate;
import io.peerdial.node.daemon.DaemonWaits;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.runtime.IdentityStore;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** id (user key), domain, pin, register and lookup, in-process; one test over real loopback sockets. */
class LocationCliTest {

    @TempDir
    Path tmp;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static final String KEY = "11".repeat(32);

    @Test
    void idNewCreatesAUserKeyNextToTheNodeKeyAndShowPrintsBoth() throws Exception {
        CliRun created = run("id", "new", "--data", tmp.toString());
        assertThat(created.exitCode()).isZero();
        assertThat(Files.exists(tmp.resolve("user.key"))).isTrue();
        NodeKeyPair user = new IdentityStore(tmp).loadUser().orElseThrow();
        CliRun shown = run("id", "show", "--data", tmp.toString());
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out()).contains("nodeId:", "userKey:   " + OwnerKey.of(user).toHex(), OwnerKey.of(user).fingerprint() + ".peerdial");
        assertThat(run("id", "new", "--force", "--data", tmp.toString()).exitCode()).isZero();
        assertThat(new IdentityStore(tmp).loadUser()).contains(user); // --force replaces the node key only
    }

    @Test
    void domainNewThenCertifyPrintsAVerifiableCertificate() throws Exception {
        CliRun ca = run("domain", "new", "Example.ORG", "--data", tmp.toString());
        assertThat(ca.exitCode()).as(ca.err()).isZero();
        String anchor = ca.out().lines().filter(l -> l.startsWith("anchor:")).findFirst().orElseThrow().substring(8).strip();
        assertThat(ca.out()).contains("--trust-anchor example.org=" + anchor);
        assertThat(run("domain", "new", "example.org", "--data", tmp.toString()).exitCode()).isEqualTo(1);

        CliRun cert = run("domain", "certify", "example.org", "--user-key", KEY, "--name", "alice", "--valid-days", "30", "--data", tmp.toString());
        assertThat(cert.exitCode()).as(cert.err()).isZero();
        DomainCertificate c = DomainCertificate.decode(HexFormat.of().parseHex(cert.out().strip()));
        assertThat(c.verify(OwnerKey.of(HexFormat.of().parseHex(anchor)))).isTrue();
        assertThat(c.covers(Aor.parse("sip:alice@example.org"), OwnerKey.of(HexFormat.of().parseHex(KEY)), System.currentTimeMillis())).isTrue();
        assertThat(c.covers(Aor.parse("sip:bob@example.org"), OwnerKey.of(HexFormat.of().parseHex(KEY)), System.currentTimeMillis())).isFalse();
    }

    @Test
    void domainErrors() {
        CliRun noCa = run("domain", "certify", "example.net", "--user-key", KEY, "--valid-days", "3", "--data", tmp.toString());
        assertThat(noCa.exitCode()).isEqualTo(1);
        assertThat(noCa.err()).contains("no CA key for example.net", "peerdial domain new example.net");
        run("domain", "new", "example.net", "--data", tmp.toString());
        CliRun days = run("domain", "certify", "example.net", "--user-key", KEY, "--valid-days", "0", "--data", tmp.toString());
        assertThat(days.exitCode()).isEqualTo(2);
        assertThat(days.err()).contains("--valid-days");
        CliRun key = run("domain", "certify", "example.net", "--user-key", "abc", "--valid-days", "3", "--data", tmp.toString());
        assertThat(key.exitCode()).isEqualTo(2);
        assertThat(key.err()).contains("--user-key", "64 hex digits");
        CliRun missing = run("domain", "certify", "example.net", "--user-key", KEY, "--data", tmp.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--valid-days");
        assertThat(run("domain").exitCode()).isEqualTo(2);
    }

    @Test
    void pinAddListRemove() {
        String d = tmp.toString();
        assertThat(run("pin", "list", "--data", d).out()).isEmpty();
        CliRun add = run("pin", "add", "sip:Alice@EXAMPLE.org", KEY, "--data", d);
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(run("pin", "list", "--data", d).out().strip()).isEqualTo("sip:Alice@example.org " + KEY);
        assertThat(run("pin", "remove", "sip:Alice@example.org", "--data", d).exitCode()).isZero();
        assertThat(run("pin", "list", "--data", d).out()).isEmpty();
        CliRun again = run("pin", "remove", "sip:Alice@example.org", "--data", d);
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.err()).contains("not pinned");
        CliRun badKey = run("pin", "add", "sip:a@b.c", "zz", "--data", d);
        assertThat(badKey.exitCode()).isEqualTo(2);
        assertThat(badKey.err()).contains("KEYHEX");
        CliRun badAor = run("pin", "add", "sip:@", KEY, "--data", d);
        assertThat(badAor.exitCode()).isEqualTo(2);
        assertThat(badAor.err()).contains("AOR");
    }

    @Test
    void registerErrors() throws Exception {
        CliRun expires = run("register", "sip:a@example.org", "--expires", "7200");
        assertThat(expires.exitCode()).isEqualTo(2);
        assertThat(expires.err()).contains("--expires", "1..3600");
        CliRun contact = run("register", "sip:a@example.org", "--contact", "nonsense");
        assertThat(contact.exitCode()).isEqualTo(2);
        assertThat(contact.err()).contains("--contact");
        assertThat(run("register").exitCode()).isEqualTo(2);
        int freePort;
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        CliRun noNode = run("register", "sip:a@example.org", "--control", "127.0.0.1:" + freePort);
        assertThat(noNode.exitCode()).isEqualTo(1);
        assertThat(noNode.err()).contains("no node answering on 127.0.0.1:" + freePort);
    }

    @Test
    void lookupErrors() throws Exception {
        CliRun noBootstrap = run("lookup", "sip:a@example.org");
        assertThat(noBootstrap.exitCode()).isEqualTo(2);
        assertThat(noBootstrap.err()).contains("--bootstrap");
        CliRun badAor = run("lookup", "alice", "--bootstrap", "127.0.0.1:1");
        assertThat(badAor.exitCode()).isEqualTo(2);
        assertThat(badAor.err()).contains("AOR");
        CliRun badAnchor = run("lookup", "sip:a@example.org", "--bootstrap", "127.0.0.1:1", "--trust-anchor", "example.org");
        assertThat(badAnchor.exitCode()).isEqualTo(2);
        assertThat(badAnchor.err()).contains("--trust-anchor", "DOMAIN=CAKEYHEX");
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CliRun r = run("lookup", "sip:a@example.org", "--bootstrap", "127.0.0.1:" + silent.getLocalPort(), "--timeout", "2",
                    "--data", tmp.toString());
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("did not answer within 2 s");
        }
    }

    @Test
    void registerOnARunningNodeThenLookupFindsItOverLoopback() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (NodeDaemon first = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(), tmp.resolve("a"), any, Role.SUPER));
             NodeDaemon second = NodeDaemon.start(new NodeDaemon.Settings(any, List.of(first.runtime().localAddress()),
                     tmp.resolve("b"), any, Role.SUPER))) {
            String bootstrap = "127.0.0.1:" + first.runtime().localAddress().getPort();
            DaemonWaits.contacts(first, second);
            CliRun reg = run("register", "sip:alice@example.org", "--control", "127.0.0.1:" + second.controlAddress().getPort(),
                    "--contact", "127.0.0.1:5062", "--expires", "300");
            assertThat(reg.exitCode()).as(reg.err()).isZero();
            JsonNode published = new ObjectMapper().readTree(reg.out());
            assertThat(published.get("stored").asInt()).isPositive();
            assertThat(published.get("ownerKey").asText()).isEqualTo(OwnerKey.of(second.userKey()).toHex());

            Path pins = tmp.resolve("reader");
            CliRun found = run("lookup", "sip:alice@example.org", "--bootstrap", bootstrap, "--data", pins.toString());
            assertThat(found.exitCode()).as(found.err()).isZero();
            JsonNode array = new ObjectMapper().readTree(found.out());
            assertThat(array).hasSize(1);
            JsonNode b = array.get(0);
            assertThat(b.get("aor").asText()).isEqualTo("sip:alice@example.org");
            assertThat(b.get("owner").asText()).isEqualTo(OwnerKey.of(second.userKey()).fingerprint());
            assertThat(b.get("device").asText()).isEqualTo(second.runtime().nodeId().toHex());
            assertThat(b.get("contacts").get(0).get("port").asInt()).isEqualTo(5062);
            assertThat(b.get("seq").asText()).isEqualTo(published.get("seq").asText());
            assertThat(b.get("trust").asText()).isEqualTo("unpinned");
            assertThat(run("pin", "list", "--data", pins.toString()).out()).contains("sip:alice@example.org " + OwnerKey.of(second.userKey()).toHex());
            CliRun again = run("lookup", "sip:alice@example.org", "--bootstrap", bootstrap, "--data", pins.toString());
            assertThat(new ObjectMapper().readTree(again.out()).get(0).get("trust").asText()).isEqualTo("pinned");

            CliRun none = run("lookup", "sip:nobody@example.org", "--bootstrap", bootstrap, "--data", pins.toString());
            assertThat(none.exitCode()).isEqualTo(3);
            assertThat(none.out().strip()).isEqualTo("[]");
            assertThat(none.err()).contains("no verified binding of sip:nobody@example.org");
        }
    }
}
