package io.peerdial.location.io;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.entry.OwnerKey;
import io.peerdial.location.trust.PinSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The pins file ({@code DATA/pins}, like SSH's known_hosts): one pin per line,
 * {@code sip:user@host <owner public key, 64 hex digits>}; {@code #} comments and blank lines
 * ignored. Saved atomically (write a temporary file, then rename) so a crash never leaves half a file.
 */
public final class PinStore {

    public static final String FILE_NAME = "pins";

    private final Path file;

    public PinStore(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** Reads the pins; an absent file is an empty set. A bad line is an error naming the line (a user edits this file). */
    public PinSet load() throws IOException {
        PinSet pins = new PinSet();
        if (!Files.exists(file)) return pins;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = line.split("\\s+");
            try {
                if (parts.length != 2) throw new IllegalArgumentException("expected 'AOR KEYHEX'");
                pins.pin(Aor.parse(parts[0]), OwnerKey.of(HexFormat.of().parseHex(parts[1])));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return pins;
    }

    public void save(PinSet pins) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# peerdial trust-on-first-use pins: AOR owner-public-key (hex)");
        for (Map.Entry<Aor, OwnerKey> pin : pins.snapshot().entrySet()) {
            lines.add(pin.getKey() + " " + pin.getValue().toHex());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** For callers that cannot handle checked exceptions (CLI glue). */
    public PinSet loadOrThrow() {
        try {
            return load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
