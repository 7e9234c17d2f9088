package io.peerdial.relay.wire;

import io.peerdial.overlay.identity.NodeKeyPair;
import java.nio.charset.StandardCharsets;

/**
 * Ed25519 signatures over a domain-separated message: "peerdial/" + context + NUL + body. The
 * context keeps a signature made for one format from being valid for another (a receipt's bytes
 * can never pass as an advert's).
 */
public final class Signatures {
    private Signatures() {}

    public static byte[] signed(String context, byte[] body) {
        byte[] prefix = ("peerdial/" + context + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    public static byte[] sign(NodeKeyPair key, String context, byte[] body) {
        return key.sign(signed(context, body));
    }

    public static boolean verify(byte[] publicKey, String context, byte[] body, byte[] signature) {
        return NodeKeyPair.verify(publicKey, signed(context, body), signature);
    }
}
