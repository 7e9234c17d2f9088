package io.peerdial.relay.server;

import io.peerdial.overlay.stun.Nonce;
import io.peerdial.overlay.stun.Realm;
import io.peerdial.overlay.stun.StunAttribute;
import io.peerdial.overlay.stun.StunClass;
import io.peerdial.overlay.stun.StunEncoder;
import io.peerdial.overlay.stun.StunException;
import io.peerdial.overlay.stun.StunFingerprint;
import io.peerdial.overlay.stun.StunIntegrity;
import io.peerdial.overlay.stun.StunMessage;
import io.peerdial.overlay.stun.TransactionId;
import io.peerdial.overlay.stun.Username;
import io.peerdial.relay.turn.TurnAttributes;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A scripted TURN client for core tests: builds requests with the long-term credential mechanism. */
class TestClient {
    FiveTuple tuple;
    final String username;
    String realm;
    String password;
    String nonce;
    boolean sha256;
    private final SplittableRandom random;

    TestClient(InetSocketAddress client, InetSocketAddress server, String username, String realm, String password, long seed) {
        this.tuple = FiveTuple.udp(client, server);
        this.username = username;
        this.realm = realm;
        this.password = password;
        this.random = new SplittableRandom(seed);
    }

    /** The same client address reaching the server over TCP instead. */
    TestClient overTcp() {
        tuple = new FiveTuple(ClientTransport.TCP, tuple.client(), tuple.server());
        return this;
    }

    TransactionId newTransaction() {
        return TransactionId.random(random);
    }

    /** A request without credentials. */
    byte[] plain(int method, TransactionId id, StunAttribute... attributes) {
        return StunFingerprint.append(StunEncoder.standard().encode(StunMessage.of(StunClass.REQUEST, method, id, attributes)));
    }

    /** A request with USERNAME, REALM, NONCE and MESSAGE-INTEGRITY (or -SHA256), then FINGERPRINT. */
    byte[] signed(int method, TransactionId id, StunAttribute... attributes) {
        List<StunAttribute> all = new ArrayList<>(List.of(attributes));
        all.add(new Username(username));
        all.add(new Realm(realm));
        all.add(new Nonce(nonce));
        byte[] b = StunEncoder.standard().encode(new StunMessage(
                io.peerdial.overlay.stun.StunMessageType.of(StunClass.REQUEST, method), id, all));
        byte[] key = key();
        b = sha256 ? StunIntegrity.appendSha256(b, key) : StunIntegrity.appendSha1(b, key);
        return StunFingerprint.append(b);
    }

    byte[] key() {
        return StunIntegrity.longTermKey(username, realm, password);
    }

    static StunMessage decode(byte[] bytes) {
        try {
            return TurnAttributes.decoder().decode(bytes);
        } catch (StunException e) {
            throw new AssertionError("server sent undecodable bytes: " + e.getMessage(), e);
        }
    }
}
