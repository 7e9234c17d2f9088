package io.peerdial.node.sip.transport;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Hand-made SIP over a raw UDP socket, for requests no well-behaved stack would send. */
final class RawSip {

    static final String NO_ANSWER = "(no answer)";

    private RawSip() {}

    /**
     * Sends {@code request.apply(ourPort)} from {@code source} to {@code to} and returns the first
     * response that is not a 100 Trying, whole, or {@link #NO_ANSWER} after 5 s.
     */
    static String exchange(InetAddress source, InetSocketAddress to, IntFunction<String> request) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(source, 0))) {
            s.setSoTimeout(5_000);
            byte[] out = request.apply(s.getLocalPort()).getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(out, out.length, to));
            byte[] in = new byte[8192];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                DatagramPacket p = new DatagramPacket(in, in.length);
                try {
                    s.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                if (!text.startsWith("SIP/2.0 100")) return text;
            }
            return NO_ANSWER;
        }
    }
}
