package io.peerdial.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The resources a real-socket test opened, closed in reverse order (phones before the nodes they
 * registered with, nodes before their bootstrap). A failing close does not stop the others; the
 * first failure is rethrown at the end with the later ones suppressed.
 */
public final class Closer implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();

    /** Registers {@code resource} and returns it, so a test can write {@code a = closer.add(new Node(...))}. */
    public synchronized <T extends AutoCloseable> T add(T resource) {
        open.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        List<AutoCloseable> reversed;
        synchronized (this) {
            reversed = new ArrayList<>(open);
            open.clear();
        }
        Exception first = null;
        for (int i = reversed.size() - 1; i >= 0; i--) {
            try {
                reversed.get(i).close();
            } catch (Exception e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }
}
