package io.peerdial.relay.turn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The datagrams of a real coturn session (src/test/resources/.../coturn-4.6.1-session.txt). */
public final class CoturnVectors {
    public static final String USER = "test";
    public static final String PASSWORD = "secret";
    public static final String REALM = "test.local";
    private static final Map<String, byte[]> VECTORS = load();

    private CoturnVectors() {}

    public static byte[] get(String name) {
        byte[] b = VECTORS.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no vector " + name);
        }
        return b.clone();
    }

    public static Map<String, byte[]> all() {
        return Map.copyOf(VECTORS);
    }

    private static Map<String, byte[]> load() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (InputStream in = CoturnVectors.class.getResourceAsStream("coturn-4.6.1-session.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.trim().split(" ");
                    m.put(parts[0], HexFormat.of().parseHex(parts[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
