package io.peerdial.benchmarks;

import io.peerdial.overlay.kademlia.NodeAuthenticator;
import io.peerdial.overlay.kademlia.OverlayNode;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.simulator.auth.SimIdentities;
import io.peerdial.simulator.engine.Simulation;
import io.peerdial.simulator.experiment.Experiment;
import io.peerdial.simulator.io.ExperimentFiles;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.openjdk.jol.vm.VM;
import org.openjdk.jol.vm.VirtualMachine;

/**
 * Heap a simulated node costs (issue #7: at most 4 KB per node outside the routing tables' shared
 * contacts), by class, at the end of the join phase of an experiment (warm-up start, where perf.json
 * takes {@code heapPerOnlineNodeBytesAfterJoin}).
 *
 * <p>JOL's {@code GraphLayout} cannot be used as is: from any core the whole simulation is reachable
 * (the shared contact interner is the engine's inner class, an identity holder points at the
 * registry), so this walks the object graph itself, with JOL's exact object sizes, and stops at:
 * <ul>
 *   <li>the engine ({@link Simulation} and its nested classes) and the identity registry
 *       ({@link SimIdentities});</li>
 *   <li>every node's shared {@link Contact} and what hangs off it (NodeId, InetSocketAddress, its
 *       holder and InetAddress): the routing tables' entries point at these, counted apart;</li>
 *   <li>{@code Class} objects.</li>
 * </ul>
 * Each sampled node is walked from its routing table first (a), then from each remaining field of
 * its {@link OverlayNode} in declaration order (b, attributed to the first field that reaches an
 * object). An object reached from more than one sampled node (configuration, enum constants, empty
 * collections, other singletons) is shared (c) and belongs to no node. The engine's own per-node
 * share (the Simulation's arrays, its event heap, the identity registry) is the graph from the
 * Simulation with every core, every node's identity and every shared contact left out, divided by
 * the online nodes.
 *
 * <pre>
 * mvn -B -q -o package -DskipTests
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar io.peerdial.benchmarks.SimNodeFootprint \
 *     simulator/experiments/lookup-scale.properties nodes=2000 [sample=200] [sampleSeed=1] [top=30]
 * </pre>
 * Every argument but the first is an experiment override ({@code KEY=VALUE}, as {@code --set}),
 * except {@code sample} (nodes measured), {@code sampleSeed} (their draw) and {@code top} (classes
 * listed per part).
 */
public final class SimNodeFootprint {

    static {
        // Unsafe refuses field offsets of records (Contact, PendingRpc, ...): JOL then finds them by probing
        System.setProperty("jol.magicFieldOffset", "true");
    }

    private static final VirtualMachine VM_ = VM.current();
    private static final long SHARED = -1;

    /** Reference fields of a class (and its superclasses), read by offset. */
    private static final ClassValue<Field[]> REFERENCE_FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) out.add(f);
                }
            }
            return out.toArray(new Field[0]);
        }
    };

    private final Simulation sim;
    private final Set<Object> stop = Collections.newSetFromMap(new IdentityHashMap<>());
    private long sharedContactBytes;
    private boolean engineWalk; // false: the engine and the registry are walls; true: walking them
    /** Per object reached from a sampled node: (sample index << 32 | part), or SHARED. */
    private final IdentityHashMap<Object, Long> owner = new IdentityHashMap<>();
    private final List<String> parts = new ArrayList<>(List.of("routingTable (a)", "OverlayNode itself"));

    private SimNodeFootprint(Simulation sim) {
        this.sim = sim;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) throw new IllegalArgumentException("usage: SimNodeFootprint EXPERIMENT [KEY=VALUE]... [sample=N] [sampleSeed=N] [top=N]");
        Experiment exp = ExperimentFiles.load(args[0]);
        int sample = 200, top = 30;
        long seed = 1;
        for (String a : Arrays.asList(args).subList(1, args.length)) {
            String key = a.substring(0, Math.max(0, a.indexOf('=')));
            String value = a.substring(a.indexOf('=') + 1);
            switch (key) {
                case "sample" -> sample = Integer.parseInt(value);
                case "sampleSeed" -> seed = Long.parseLong(value);
                case "top" -> top = Integer.parseInt(value);
                default -> exp = exp.withAssignment(a);
            }
        }
        Simulation sim = new Simulation(exp);
        long t0 = System.nanoTime();
        sim.runUntil(sim.joinPhaseEndMs(), null);
        System.out.printf(Locale.ROOT, "%s, %d nodes created, %d online at %d ms (end of join phase), %d events, %.1f s%n",
                exp.text("name"), sim.nodeCount(), sim.onlineCount(), sim.now(), sim.events(), (System.nanoTime() - t0) / 1e9);
        new SimNodeFootprint(sim).measure(sample, seed, top);
    }

    private void measure(int sampleSize, long seed, int top) {
        List<Integer> onlineNodes = new ArrayList<>();
        for (int i = 0; i < sim.nodeCount(); i++) if (sim.core(i) != null) onlineNodes.add(i);
        int[] sample = drawSample(onlineNodes, sampleSize, seed);
        int n = sample.length;

        // what no node owns: the engine, the registry, every node's shared contact
        stop.add(sim);
        for (int i = 0; i < sim.nodeCount(); i++) {
            Contact c = sim.contact(i);
            if (c != null) sharedContactBytes += walk(c, stop, o -> { });
        }

        for (int s = 0; s < n; s++) {
            OverlayNode core = sim.core(sample[s]);
            Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            int node = s;
            walkAs(node, 0, core.routingTable(), seen);
            seen.add(core);
            claim(node, 1, core);
            for (Field f : REFERENCE_FIELDS.get(core.getClass())) {
                Object v = VM_.getObject(core, VM_.fieldOffset(f));
                if (v != null) walkAs(node, part(f.getName()), v, seen);
            }
        }

        // (a), (b) per class and (b) per OverlayNode field, over objects one sampled node owns
        Map<String, long[]> tableClasses = new HashMap<>(), restClasses = new HashMap<>(), sharedClasses = new HashMap<>();
        long[] byPart = new long[parts.size()];
        List<Map<String, long[]>> partClasses = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) partClasses.add(new HashMap<>());
        long table = 0, rest = 0, shared = 0;
        for (Map.Entry<Object, Long> e : owner.entrySet()) {
            Object o = e.getKey();
            long size = VM_.sizeOf(o);
            if (e.getValue() == SHARED) {
                shared += size;
                add(sharedClasses, o, size);
                continue;
            }
            int part = (int) (long) e.getValue();
            byPart[part] += size;
            add(partClasses.get(part), o, size);
            if (part == 0) {
                table += size;
                add(tableClasses, o, size);
            } else {
                rest += size;
                add(restClasses, o, size);
            }
        }

        // the engine's share: the Simulation without the cores and the shared contacts
        Set<Object> engineStop = Collections.newSetFromMap(new IdentityHashMap<>());
        engineStop.addAll(stop);
        engineStop.remove(sim);
        for (int i : onlineNodes) engineStop.add(sim.core(i));
        Map<String, long[]> engineClasses = new HashMap<>();
        engineWalk = true;
        long engine = walk(sim, engineStop, o -> add(engineClasses, o, VM_.sizeOf(o)));

        int online = onlineNodes.size();
        System.out.printf(Locale.ROOT, "sample: %d of %d online nodes (seed %d)%n%n", n, online, seed);
        print("(a) routing table, per node", tableClasses, n, top);
        print("(b) rest of the node, per node", restClasses, n, top);
        System.out.println("(b) by OverlayNode field, per node");
        Integer[] order = new Integer[parts.size() - 1];
        for (int i = 0; i < order.length; i++) order[i] = i + 1;
        Arrays.sort(order, (x, y) -> Long.compare(byPart[y], byPart[x]));
        for (int i : order) {
            if (byPart[i] == 0) continue;
            List<Map.Entry<String, long[]>> rows = new ArrayList<>(partClasses.get(i).entrySet());
            rows.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
            StringBuilder classes = new StringBuilder();
            for (Map.Entry<String, long[]> r : rows.subList(0, Math.min(4, rows.size()))) {
                classes.append(String.format(Locale.ROOT, " %s %.0f,", r.getKey(), r.getValue()[0] / (double) n));
            }
            System.out.printf(Locale.ROOT, "  %10.1f  %-18s%s%n", byPart[i] / (double) n, parts.get(i),
                    classes.substring(0, classes.length() - 1));
        }
        System.out.println();
        print("(c) shared by sampled nodes (total, not per node)", sharedClasses, 1, Math.min(top, 15));
        print("engine, per online node", engineClasses, online, Math.min(top, 15));
        double a = table / (double) n, b = rest / (double) n, c = sharedContactBytes / (double) sim.nodeCount();
        double e = engine / (double) online;
        System.out.printf(Locale.ROOT, "per node: (a) routing table %.0f B, (b) rest of the node %.0f B, (a)+(b) %.0f B%n", a, b, a + b);
        System.out.printf(Locale.ROOT, "          shared contact %.0f B (of %d nodes created), engine %.0f B per online node; "
                + "shared by the sample %d B in all%n", c, sim.nodeCount(), e, shared);
        System.out.printf(Locale.ROOT, "          sum (a)+(b)+contact+engine %.0f B (compare perf.json heapPerOnlineNodeBytesAfterJoin)%n",
                a + b + c * sim.nodeCount() / online + e);
    }

    private int part(String field) {
        int i = parts.indexOf(field);
        if (i >= 0) return i;
        parts.add(field);
        return parts.size() - 1;
    }

    /** Walks from {@code root} for sampled node {@code node}, claiming what it reaches for {@code part}. */
    private void walkAs(int node, int part, Object root, Set<Object> seen) {
        if (seen.contains(root) || isStop(root, stop)) return;
        walk(root, stopOr(seen), o -> claim(node, part, o));
    }

    private Set<Object> stopOr(Set<Object> seen) {
        return new java.util.AbstractSet<>() {
            @Override public boolean contains(Object o) { return stop.contains(o) || seen.contains(o); }
            @Override public boolean add(Object o) { return seen.add(o); }
            @Override public java.util.Iterator<Object> iterator() { throw new UnsupportedOperationException(); }
            @Override public int size() { throw new UnsupportedOperationException(); }
        };
    }

    private void claim(int node, int part, Object o) {
        Long prev = owner.get(o);
        if (prev == null) owner.put(o, ((long) node << 32) | part);
        else if (prev != SHARED && (prev >>> 32) != node) owner.put(o, SHARED);
    }

    /**
     * Visits every object reachable from {@code root} that is not in {@code visited} (which it
     * fills), without entering the engine, the registry or Class objects; returns their total size.
     */
    private long walk(Object root, Set<Object> visited, java.util.function.Consumer<Object> visit) {
        long total = 0;
        ArrayDeque<Object> stack = new ArrayDeque<>();
        if (!isStop(root, visited)) {
            visited.add(root);
            stack.push(root);
        }
        while (!stack.isEmpty()) {
            Object o = stack.pop();
            total += VM_.sizeOf(o);
            visit.accept(o);
            Class<?> type = o.getClass();
            if (type.isArray()) {
                if (type.getComponentType().isPrimitive()) continue;
                for (Object x : (Object[]) o) push(x, visited, stack);
            } else {
                for (Field f : REFERENCE_FIELDS.get(type)) push(VM_.getObject(o, VM_.fieldOffset(f)), visited, stack);
            }
        }
        return total;
    }

    private void push(Object x, Set<Object> visited, ArrayDeque<Object> stack) {
        if (x == null || isStop(x, visited)) return;
        visited.add(x);
        stack.push(x);
    }

    private boolean isStop(Object o, Set<Object> visited) {
        if (visited.contains(o) || o instanceof Class) return true;
        if (engineWalk) return o instanceof NodeAuthenticator; // a node's identity: counted with its core
        if (o instanceof SimIdentities) return true;
        Class<?> c = o.getClass();
        return c == Simulation.class || c.getEnclosingClass() == Simulation.class;
    }

    private static int[] drawSample(List<Integer> from, int size, long seed) {
        List<Integer> pool = new ArrayList<>(from);
        SplittableRandom r = new SplittableRandom(seed);
        int n = Math.min(size, pool.size());
        for (int i = 0; i < n; i++) Collections.swap(pool, i, i + r.nextInt(pool.size() - i));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = pool.get(i);
        Arrays.sort(out);
        return out;
    }

    private static void add(Map<String, long[]> byClass, Object o, long size) {
        long[] v = byClass.computeIfAbsent(name(o.getClass()), k -> new long[2]);
        v[0] += size;
        v[1]++;
    }

    private static String name(Class<?> c) {
        String s = c.isArray() ? name(c.getComponentType()) + "[]" : c.getName();
        return s.startsWith("io.peerdial.") ? s.substring("io.peerdial.".length()) : s;
    }

    private static void print(String title, Map<String, long[]> byClass, int per, int top) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(byClass.entrySet());
        rows.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
        long total = 0;
        for (Map.Entry<String, long[]> r : rows) total += r.getValue()[0];
        System.out.printf(Locale.ROOT, "%s: %.1f B%n  %10s %8s  class%n", title, total / (double) per, "bytes", "objects");
        int shown = 0;
        long other = 0;
        for (Map.Entry<String, long[]> r : rows) {
            if (shown++ < top) {
                System.out.printf(Locale.ROOT, "  %10.1f %8.2f  %s%n", r.getValue()[0] / (double) per, r.getValue()[1] / (double) per, r.getKey());
            } else {
                other += r.getValue()[0];
            }
        }
        if (other > 0) System.out.printf(Locale.ROOT, "  %10.1f %8s  (%d other classes)%n", other / (double) per, "", rows.size() - top);
        System.out.println();
    }
}
