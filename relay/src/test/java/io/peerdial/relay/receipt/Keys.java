package io.peerdial.relay.receipt;

import io.peerdial.overlay.identity.NodeKeyPair;
import java.util.Arrays;

/** Fixed test identities: private key = 32 bytes of one value, so vectors stay reproducible. */
public final class Keys {
    private Keys() {}

    public static NodeKeyPair fixed(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return NodeKeyPair.fromPrivateKey(k);
    }
}
