package io.peerdial.overlay.runtime;

import io.peerdial.overlay.identity.NodeKeyPair;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The node's identity on disk: the Ed25519 private key (RFC 8032 seed) as 64 hex digits in
 * {@code DIR/node.key}. The directory is created with permissions 0700 and the key file with 0600,
 * both at creation time (never a chmod after the secret is written). A key is written to a
 * temporary file first and renamed into place, so a crash never leaves half a key behind.
 *
 * <p>The user identity (issue #3: it signs the user's bindings) sits next to it as
 * {@code DIR/user.key} in the same format; other keys (a domain CA) use {@link #createKey}.
 */
public final class IdentityStore {

    public static final String NODE_KEY_FILE = "node.key";
    public static final String USER_KEY_FILE = "user.key";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path dir;

    public IdentityStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** {@code ~/.peerdial}. */
    public static Path defaultDir() {
        return Path.of(System.getProperty("user.home"), ".peerdial");
    }

    public Path dir() {
        return dir;
    }

    public Path nodeKeyPath() {
        return dir.resolve(NODE_KEY_FILE);
    }

    /**
     * The stored node identity, or empty when there is none.
     *
     * @throws IOException naming the file when it cannot be read or does not hold a valid key
     */
    public Optional<NodeKeyPair> loadNode() throws IOException {
        return load(nodeKeyPath());
    }

    /** Loads the node identity, creating (and storing) a new one from {@code random} when there is none. */
    public NodeKeyPair loadOrCreateNode(RandomGenerator random) throws IOException {
        Optional<NodeKeyPair> existing = loadNode();
        return existing.isPresent() ? existing.get() : createNode(random, false);
    }

    public Path userKeyPath() {
        return dir.resolve(USER_KEY_FILE);
    }

    /** The stored user identity, or empty when there is none. */
    public Optional<NodeKeyPair> loadUser() throws IOException {
        return load(userKeyPath());
    }

    /** Loads the user identity, creating (and storing) a new one from {@code random} when there is none. */
    public NodeKeyPair loadOrCreateUser(RandomGenerator random) throws IOException {
        Optional<NodeKeyPair> existing = loadUser();
        return existing.isPresent() ? existing.get() : createKey(USER_KEY_FILE, random, false);
    }

    /** A key stored as {@code DIR/fileName} (same format), or empty when there is none. */
    public Optional<NodeKeyPair> loadKey(String fileName) throws IOException {
        return load(dir.resolve(fileName));
    }

    /**
     * Creates and stores a new node identity.
     *
     * @param replace replace an existing identity; without it an existing file is refused
     * @throws IOException naming the file if one exists (and {@code replace} is false) or writing fails
     */
    public NodeKeyPair createNode(RandomGenerator random, boolean replace) throws IOException {
        return createKey(NODE_KEY_FILE, random, replace);
    }

    /** Creates and stores a new key as {@code DIR/fileName} (a plain file name), as {@link #createNode}. */
    public NodeKeyPair createKey(String fileName, RandomGenerator random, boolean replace) throws IOException {
        if (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("a plain file name, got " + fileName);
        }
        Path file = dir.resolve(fileName);
        ensureDir();
        if (!replace && Files.exists(file)) {
            throw new IOException("an identity already exists in " + file + " (replacing it changes the NodeId)");
        }
        NodeKeyPair keys = NodeKeyPair.generate(random);
        writeSecret(file, (HexFormat.of().formatHex(keys.privateKey()) + "\n").getBytes(StandardCharsets.US_ASCII));
        return keys;
    }

    private static Optional<NodeKeyPair> load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read identity file " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("cannot read identity file " + file + ": " + e.getMessage(), e);
        }
        String hex = text.strip();
        if (hex.length() != 2 * NodeKeyPair.PRIVATE_KEY_BYTES || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IOException("malformed identity file " + file + ": expected " + 2 * NodeKeyPair.PRIVATE_KEY_BYTES
                    + " hex digits (an Ed25519 private key)");
        }
        return Optional.of(NodeKeyPair.fromPrivateKey(HexFormat.of().parseHex(hex)));
    }

    private void ensureDir() throws IOException {
        if (Files.isDirectory(dir)) return;
        try {
            if (POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new IOException("cannot create data directory " + dir + ": " + e, e);
        }
    }

    /** Writes {@code bytes} to a fresh 0600 temporary file next to {@code file}, then renames it into place. */
    private static void writeSecret(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        FileAttribute<?>[] attrs = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try {
            try (SeekableByteChannel ch = Files.newByteChannel(tmp,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC), attrs)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot write identity file " + file + ": " + e, e);
        }
    }
}
