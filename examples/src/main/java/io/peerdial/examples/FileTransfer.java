package io.peerdial.examples;

import io.peerdial.p2p.P2PServerSocket;
import io.peerdial.p2p.P2PSocket;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Sends one file over a {@link P2PSocket}'s stream; the receiver checks it against the sender's SHA-256 and
 * answers one byte (1 = verified, 0 = not), so the sender knows the file arrived intact.
 *
 * <p>On the stream: {@code name length u16 | name (UTF-8, no path) | size u64 | size bytes | SHA-256 (32)},
 * then the receiver's verdict byte in the other direction. {@code FileTransferTest} runs it on loopback.
 *
 * <pre>
 * java ... io.peerdial.examples.FileTransfer --data /tmp/bob --name bob receive /tmp/inbox
 * java ... io.peerdial.examples.FileTransfer --data /tmp/alice --bootstrap 127.0.0.1:PORT \
 *     --connect sip:bob@FINGERPRINT.peerdial send ./photo.jpg
 * </pre>
 */
public final class FileTransfer {

    /** Longest file name sent. */
    public static final int MAX_NAME_BYTES = 255;
    private static final int VERIFIED = 1;

    /** A received and verified file. */
    public record Received(Path file, long size, String sha256) {}

    /** The received bytes did not match the sender's SHA-256 (the partial file is deleted). */
    public static final class CorruptFileException extends IOException {
        CorruptFileException(String message) {
            super(message);
        }
    }

    private FileTransfer() {}

    /**
     * Sends {@code file} and waits for the receiver's verdict.
     *
     * @return true when the receiver verified the SHA-256, false when it reported a mismatch
     */
    public static boolean send(P2PSocket socket, Path file) throws IOException {
        byte[] name = file.getFileName().toString().getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_NAME_BYTES) throw new IllegalArgumentException("file name longer than " + MAX_NAME_BYTES + " bytes");
        MessageDigest sha = sha256();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
        out.writeShort(name.length);
        out.write(name);
        out.writeLong(Files.size(file));
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(out);
        }
        out.write(sha.digest());
        out.flush();
        socket.shutdownOutput();
        int verdict = socket.getInputStream().read();
        if (verdict < 0) throw new IOException("the receiver closed without a verdict");
        return verdict == VERIFIED;
    }

    /**
     * Receives one file into {@code directory} (under the sender's file name, without any path) and verifies
     * it; answers the sender either way.
     *
     * @throws CorruptFileException when the SHA-256 does not match
     */
    public static Received receive(P2PSocket socket, Path directory) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int nameLength = in.readUnsignedShort();
        if (nameLength == 0 || nameLength > MAX_NAME_BYTES) throw new IOException("bad file name length " + nameLength);
        String name = Path.of(new String(in.readNBytes(nameLength), StandardCharsets.UTF_8)).getFileName().toString();
        if (name.equals("..") || name.equals(".")) throw new IOException("bad file name " + name);
        long size = in.readLong();
        if (size < 0) throw new IOException("bad size " + size);
        Path target = directory.resolve(name);
        MessageDigest sha = sha256();
        try (OutputStream file = new DigestOutputStream(Files.newOutputStream(target), sha)) {
            long left = size;
            byte[] buffer = new byte[64 * 1024];
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) throw new IOException("stream ended " + left + " bytes before the end of " + name);
                file.write(buffer, 0, n);
                left -= n;
            }
        }
        byte[] expected = in.readNBytes(32);
        byte[] actual = sha.digest();
        boolean ok = MessageDigest.isEqual(expected, actual);
        OutputStream reply = socket.getOutputStream();
        reply.write(ok ? VERIFIED : 0);
        reply.flush();
        socket.shutdownOutput();
        if (!ok) {
            Files.deleteIfExists(target);
            throw new CorruptFileException(name + ": SHA-256 " + HexFormat.of().formatHex(actual) + " instead of "
                    + HexFormat.of().formatHex(expected));
        }
        return new Received(target, size, HexFormat.of().formatHex(actual));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** {@code ... receive DIR} waits for one file; {@code ... --connect AOR send FILE} sends one. */
    public static void main(String[] args) {
        int status = 0;
        try {
            transfer(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // JAIN-SIP's EventScannerThread is not a daemon thread and outlives SipStack.stop(): end the JVM
        // explicitly, as the peerdial CLI does.
        System.exit(status);
    }

    private static void transfer(String[] args) throws Exception {
        EndpointArgs a = EndpointArgs.parse(args);
        if (a.rest().size() != 2 || !(a.rest().get(0).equals("send") || a.rest().get(0).equals("receive"))) {
            System.err.println("usage: FileTransfer [options] receive DIR | --connect AOR send FILE");
            System.exit(2);
        }
        boolean sending = a.rest().get(0).equals("send");
        Path path = Path.of(a.rest().get(1));
        try (P2PServerSocket me = P2PServerSocket.bind(a.options())) {
            System.out.println("overlay at " + me.node().runtime().localAddress());
            System.out.println("listening at " + me.localAddress());
            try (P2PSocket s = sending ? me.connect(a.connect(), a.timeout()) : me.accept(a.timeout())) {
                System.out.println("connected to " + s.remoteAddress() + " path " + s.path().type());
                long t0 = System.nanoTime();
                if (sending) {
                    boolean ok = send(s, path);
                    System.out.println(ok ? "sent and verified " + path : "the receiver found " + path + " corrupt");
                } else {
                    Received r = receive(s, path);
                    System.out.println("received " + r.file() + " " + r.size() + " bytes sha256 " + r.sha256());
                }
                System.out.printf("%.1f s%n", (System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
