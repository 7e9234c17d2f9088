package io.peerdial.p2p;

import java.io.IOException;

/** A P2P connection could not be made; the subclasses say why. */
public abstract class P2PException extends IOException {

    protected P2PException(String message) {
        super(message);
    }
}
