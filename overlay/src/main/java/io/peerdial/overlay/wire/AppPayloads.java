package io.peerdial.overlay.wire;

/** The field rules {@link AppRequest} and {@link AppResponse} share. */
final class AppPayloads {

    private AppPayloads() {}

    static void check(int service, byte[] payload) {
        if (service < 0 || service > 0xFFFF) {
            throw new IllegalArgumentException("service must be 0 to 65535, got " + service);
        }
        if (payload.length > AppRequest.MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes, limit " + AppRequest.MAX_PAYLOAD);
        }
    }

    static int bodySize(byte[] payload) {
        return 2 + 2 + payload.length;
    }
}
