package io.peerdial.p2p.stream;

/** What a {@link StreamConnection} tells its driver through {@link StreamConnection#pollEvent()}. */
public sealed interface StreamEvent {

    /** Data (or the end of the peer's stream) became readable after {@code read} had run dry. */
    record Readable() implements StreamEvent {
    }

    /** Send-buffer space became free after {@code write} had not taken everything. */
    record Writable() implements StreamEvent {
    }

    /** Both directions finished cleanly: our FIN was acknowledged and the peer's FIN received. */
    record Closed() implements StreamEvent {
    }

    /** The peer aborted the connection with an application {@code code}. */
    record Reset(int code) implements StreamEvent {
    }

    /** The connection failed on its own. */
    record Failed(FailureReason reason) implements StreamEvent {
    }

    /** Why a connection failed. */
    enum FailureReason {
        /** Nothing was received for {@link StreamConfig#idleTimeoutMillis()}. */
        IDLE_TIMEOUT
    }

    StreamEvent READABLE = new Readable();
    StreamEvent WRITABLE = new Writable();
    StreamEvent CLOSED = new Closed();
}
