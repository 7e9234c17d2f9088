package io.peerdial.node.demo;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.runtime.RuntimeOverlayAccess;
import io.peerdial.location.service.Location;
import io.peerdial.location.trust.PinSet;
import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.node.media.audio.ToneCheck;
import io.peerdial.node.media.audio.WavAudio;
import io.peerdial.node.media.audio.WavFile;
import io.peerdial.node.media.ice.SelectedPair;
import io.peerdial.node.media.net.NodeMediaAnchor;
import io.peerdial.node.media.net.RtpAudioEngine;
import io.peerdial.node.phone.CallMedia;
import io.peerdial.node.phone.CallState;
import io.peerdial.node.phone.MediaEngine;
import io.peerdial.node.phone.MediaOptions;
import io.peerdial.node.phone.MediaStats;
import io.peerdial.node.phone.PhoneEvent;
import io.peerdial.node.phone.PhoneUA;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo (issue #5): a bootstrap node and a few more overlay nodes on loopback, alice's and bob's
 * nodes with their SIP services, bob's softphone registered (a signed binding in the DHT) with
 * auto-answer and a recording, alice's softphone calling bob with a tone and then DTMF. The nodes
 * anchor the phones' media and run ICE between them. The checks are on what bob really received:
 * the recording is searched for the tone (Goertzel), the RFC 4733 digits must arrive in order.
 * Everything lives in a temporary directory and is removed afterwards; every wait is bounded.
 */
public final class Demo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Demo.class);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String ALICE = "sip:alice@example.org";
    private static final String BOB = "sip:bob@example.org";
    private static final long STEP_S = 8;

    /**
     * How the demo runs: overlay size, what alice plays and dials, and how many calls alice makes in
     * sequence (the first one is the checked demo call; the others only measure setup, see
     * {@link CallTiming}).
     */
    public record Settings(int overlayNodes, int toneHz, String digits, long toneMillis, int calls) {
        public Settings {
            if (overlayNodes < 1 || overlayNodes > 32) throw new IllegalArgumentException("overlayNodes 1..32, got " + overlayNodes);
            if (calls < 1 || calls > 10_000) throw new IllegalArgumentException("calls 1..10000, got " + calls);
            if (toneHz < 100 || toneHz > 3_400) throw new IllegalArgumentException("toneHz 100..3400 (telephone band), got " + toneHz);
            if (!digits.matches("[0-9*#A-D]{1,16}")) throw new IllegalArgumentException("digits: 1..16 of 0-9 * # A-D, got " + digits);
        }

        public Settings(int overlayNodes, int toneHz, String digits, long toneMillis) {
            this(overlayNodes, toneHz, digits, toneMillis, 1);
        }

        public static Settings defaults() {
            return new Settings(4, 440, "1234#", 1_500);
        }
    }

    /** The demo did not get through; the message says which step failed. */
    public static final class DemoFailure extends Exception {
        DemoFailure(String message) {
            super(message);
        }
    }

    private final Settings settings;
    private final Consumer<String> progress;
    private final Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private Location location;

    private Demo(Settings settings, Consumer<String> progress) throws IOException {
        this.settings = settings;
        this.progress = progress;
        this.dir = Files.createTempDirectory("peerdial-demo-");
    }

    /** Runs the demo and cleans up after it, whatever happens. */
    public static DemoResult run(Settings settings, Consumer<String> progress) throws DemoFailure, IOException, InterruptedException {
        try (Demo demo = new Demo(settings, progress)) {
            return demo.run();
        }
    }

    private DemoResult run() throws DemoFailure, IOException, InterruptedException {
        NodeDaemon bootstrap = node("bootstrap", List.of(), false);
        List<InetSocketAddress> boot = List.of(bootstrap.runtime().localAddress());
        for (int i = 1; i < settings.overlayNodes(); i++) node("node" + i, boot, false);
        NodeDaemon aliceNode = node("alice-node", boot, true);
        NodeDaemon bobNode = node("bob-node", boot, true);
        awaitJoined(aliceNode);
        awaitJoined(bobNode);
        progress.accept("overlay: " + (settings.overlayNodes() + 2) + " nodes on 127.0.0.1");

        Path recording = dir.resolve("bob.wav");
        Legs bobLegs = new Legs(new RtpAudioEngine(false));
        Events bobEvents = new Events();
        PhoneUA bob = phone(BOB, bobNode, true, new MediaOptions(null, recording), bobLegs, bobEvents);
        int registered = get(bob.register(600), "bob's REGISTER");
        if (registered != 200) throw new DemoFailure("bob's REGISTER answered " + registered);
        long lookupMicros = awaitBinding(aliceNode);
        long lookupMs = lookupMicros / 1_000;
        progress.accept("bob registered at his node; the binding is in the DHT (lookup " + lookupMs + " ms)");

        BlockingQueue<NodeMediaAnchor.IceOutcome> ice = new LinkedBlockingQueue<>();
        aliceNode.media().onIce(ice::add);
        Legs aliceLegs = new Legs(new RtpAudioEngine(false));
        Events aliceEvents = new Events();
        PhoneUA alice = phone(ALICE, aliceNode, false, new MediaOptions("tone:" + settings.toneHz(), null), aliceLegs, aliceEvents);

        List<CallTiming> timings = new ArrayList<>();
        long invite = System.nanoTime();
        int call = get(alice.call(BOB), "alice's INVITE");
        long[] answered = aliceEvents.awaitAnswer(call);
        long ringing = answered[0];
        long established = answered[1];
        long setupMs = (established - invite) / 1_000_000;
        NodeMediaAnchor.IceOutcome outcome = poll(ice, "ICE between the nodes");
        SelectedPair pair = outcome.pair().orElseThrow(() -> new DemoFailure("ICE between the nodes failed"));
        timings.add(new CallTiming(lookupMicros, ringing < 0 ? -1 : (ringing - invite) / 1_000, (established - invite) / 1_000,
                outcome.answerToIceMillis()));
        progress.accept("call established in " + setupMs + " ms; ICE pair " + pair.localType().token() + "/" + pair.remoteType().token()
                + " in " + pair.startToCompleted().toMillis() + " ms");

        Thread.sleep(settings.toneMillis()); // the tone plays for this long: real time is the point of a call
        boolean accepted = get(alice.sendDtmf(call, settings.digits()), "DTMF");
        if (!accepted) throw new DemoFailure("alice's media could not send DTMF");
        CallMedia bobLeg = bobLegs.first();
        String digits = awaitDigits(bobLeg);
        MediaStats atBob = bobLeg.stats();
        get(alice.hangup(call), "BYE");
        bobEvents.await(e -> e.state() == CallState.ENDED, "bob's side ended", e -> false);
        bobLeg.close(); // idempotent: the recording is complete on disk after it

        WavAudio heard = readRecording(recording);
        double found = toneIn(heard);
        long lost = Math.max(0, atBob.packetsLost());
        double loss = atBob.packetsReceived() + lost == 0 ? 100 : 100.0 * lost / (atBob.packetsReceived() + lost);
        if (found <= 0) throw new DemoFailure("bob's recording has no " + settings.toneHz() + " Hz tone (" + heard.frames() + " samples)");
        if (!digits.equals(settings.digits())) throw new DemoFailure("bob received DTMF '" + digits + "', expected " + settings.digits());
        for (int i = 2; i <= settings.calls(); i++) timings.add(timedCall(alice, aliceEvents, bobEvents, ice));
        if (settings.calls() > 1) progress.accept(settings.calls() + " calls made in sequence");
        return new DemoResult(setupMs, lookupMs, outcome.answerToIceMillis(), pair.localType().token(),
                pair.remoteType().token(), atBob.packetsReceived(), loss, found, digits, List.copyOf(timings));
    }

    private NodeDaemon node(String name, List<InetSocketAddress> bootstrap, boolean sip) throws IOException {
        InetSocketAddress any = new InetSocketAddress(LOOPBACK, 0);
        NodeDaemon n = NodeDaemon.start(new NodeDaemon.Settings(any, bootstrap, dir.resolve(name), any, Role.SUPER,
                TrustAnchors.none(), sip ? any : null));
        open.add(n);
        return n;
    }

    private static void awaitJoined(NodeDaemon node) throws DemoFailure, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_S);
        while (System.nanoTime() < deadline) {
            try {
                if (node.snapshot().get(1, TimeUnit.SECONDS).overlay().contacts() > 0) return;
            } catch (Exception e) {
                // not answering yet: try again
            }
            Thread.sleep(20);
        }
        throw new DemoFailure("a node did not join the overlay within " + STEP_S + " s");
    }

    /**
     * One more call after the demo call, for its timings only: a fresh lookup of bob from alice's node
     * (what alice's SIP service does for the INVITE, which exposes no timing of its own), then
     * INVITE → 180 → 200 at alice, the answer-to-ICE time at alice's node, and a hang-up once both
     * phones are connected. Nothing is played or checked.
     */
    private CallTiming timedCall(PhoneUA alice, Events aliceEvents, Events bobEvents, BlockingQueue<NodeMediaAnchor.IceOutcome> ice)
            throws DemoFailure, InterruptedException {
        ice.clear();
        long start = System.nanoTime();
        try {
            if (location.lookup(Aor.parse(BOB)).get(STEP_S, TimeUnit.SECONDS).isEmpty()) throw new DemoFailure("bob's binding is gone");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new DemoFailure("lookup of bob failed: " + e);
        }
        long lookupMicros = (System.nanoTime() - start) / 1_000;
        long invite = System.nanoTime();
        int call = get(alice.call(BOB), "alice's INVITE");
        long[] answered = aliceEvents.awaitAnswer(call);
        long ringing = answered[0];
        long established = answered[1];
        NodeMediaAnchor.IceOutcome outcome = poll(ice, "ICE between the nodes");
        if (outcome.pair().isEmpty()) throw new DemoFailure("ICE between the nodes failed");
        get(alice.hangup(call), "BYE");
        aliceEvents.await(e -> e.callId() == call && e.state() == CallState.ENDED, "alice's side ended", e -> false);
        bobEvents.await(e -> e.state() == CallState.ENDED, "bob's side ended", e -> false);
        return new CallTiming(lookupMicros, ringing < 0 ? -1 : (ringing - invite) / 1_000, (established - invite) / 1_000,
                outcome.answerToIceMillis());
    }

    /** Looks bob up from alice's node until the binding is there (it was stored when bob registered); µs of the lookup that found it. */
    private long awaitBinding(NodeDaemon from) throws DemoFailure, InterruptedException {
        RuntimeOverlayAccess access = new RuntimeOverlayAccess(from.runtime());
        open.add(access);
        location = new Location(access, TrustAnchors.none(), new PinSet(), pins -> { });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_S);
        while (System.nanoTime() < deadline) {
            long start = System.nanoTime();
            try {
                if (!location.lookup(Aor.parse(BOB)).get(STEP_S, TimeUnit.SECONDS).isEmpty()) {
                    return (System.nanoTime() - start) / 1_000;
                }
            } catch (Exception e) {
                log.debug("lookup of bob: {}", e.toString());
            }
            Thread.sleep(50);
        }
        throw new DemoFailure("bob's binding was not found in the DHT within " + STEP_S + " s");
    }

    private PhoneUA phone(String aor, NodeDaemon node, boolean autoAnswer, MediaOptions media, MediaEngine engine, Events events)
            throws IOException {
        PhoneUA ua = PhoneUA.start(new PhoneUA.Settings(aor, node.sip().phoneAddress(), LOOPBACK, autoAnswer, media), engine, events);
        open.add(ua);
        return ua;
    }

    private String awaitDigits(CallMedia leg) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_S);
        String digits = leg.receivedDigits();
        while (!digits.equals(settings.digits()) && digits.length() < settings.digits().length() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            digits = leg.receivedDigits();
        }
        return digits;
    }

    private static WavAudio readRecording(Path file) throws DemoFailure {
        try (InputStream in = Files.newInputStream(file)) {
            return WavFile.read(in).toMono();
        } catch (Exception e) {
            throw new DemoFailure("bob's recording cannot be read: " + e.getMessage());
        }
    }

    /** The tone's frequency if the recording carries it ({@link ToneCheck}); else 0. */
    private double toneIn(WavAudio audio) {
        return ToneCheck.present(audio, settings.toneHz()) ? settings.toneHz() : 0;
    }

    private static <T> T poll(BlockingQueue<T> queue, String what) throws DemoFailure, InterruptedException {
        T t = queue.poll(STEP_S, TimeUnit.SECONDS);
        if (t == null) throw new DemoFailure(what + ": no answer within " + STEP_S + " s");
        return t;
    }

    private static <T> T get(CompletableFuture<T> f, String what) throws DemoFailure, InterruptedException {
        try {
            return f.get(STEP_S, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new DemoFailure(what + ": no answer within " + STEP_S + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new DemoFailure(what + " failed: " + e.getCause().getMessage());
        }
    }

    /** Closes phones, then nodes (newest first), then removes the directory. */
    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                log.debug("close: {}", e.toString());
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not remove {}: {}", dir, e.toString());
        }
    }

    /** Keeps every leg an engine opens, so the demo can read what bob's phone received. */
    private static final class Legs implements MediaEngine {
        private final MediaEngine engine;
        private final List<CallMedia> legs = new CopyOnWriteArrayList<>();

        Legs(MediaEngine engine) {
            this.engine = engine;
        }

        @Override
        public CallMedia open(InetAddress local, MediaOptions options) throws IOException {
            CallMedia leg = engine.open(local, options);
            legs.add(leg);
            return leg;
        }

        @Override
        public String describe() {
            return engine.describe();
        }

        CallMedia first() throws DemoFailure {
            if (legs.isEmpty()) throw new DemoFailure("bob's phone opened no media");
            return legs.get(0);
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    /** A phone's events, stamped when the phone reported them, waited on with a bound. */
    private static final class Events implements Consumer<PhoneEvent> {
        private record Stamped(long nanos, PhoneEvent event) {}

        private final BlockingQueue<Stamped> queue = new LinkedBlockingQueue<>();

        @Override
        public void accept(PhoneEvent e) {
            queue.add(new Stamped(System.nanoTime(), e));
            log.debug("{}", e);
        }

        /**
         * Waits for an outgoing call's 200: the {@link System#nanoTime()}s of its 180 (-1 when the 200
         * came first: UDP may reorder them, and the phone then ignores the late 180) and of its 200.
         */
        long[] awaitAnswer(int call) throws DemoFailure, InterruptedException {
            java.util.function.Predicate<PhoneEvent> ended = e -> e.callId() == call && e.state() == CallState.ENDED;
            long[] first = new long[1];
            PhoneEvent[] seen = new PhoneEvent[1];
            first[0] = await(e -> {
                seen[0] = e;
                return e.callId() == call && (e.state() == CallState.RINGING || e.state() == CallState.ESTABLISHED);
            }, "call answered", ended);
            if (seen[0].state() == CallState.ESTABLISHED) return new long[] {-1, first[0]};
            long established = await(e -> e.callId() == call && e.state() == CallState.ESTABLISHED, "call established", ended);
            return new long[] {first[0], established};
        }

        /** Returns the {@link System#nanoTime()} at which the awaited event was reported. */
        long await(java.util.function.Predicate<PhoneEvent> what, String description, java.util.function.Predicate<PhoneEvent> fatal)
                throws DemoFailure, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_S);
            while (true) {
                long left = deadline - System.nanoTime();
                Stamped s = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
                if (s == null) throw new DemoFailure(description + ": not within " + STEP_S + " s");
                if (what.test(s.event())) return s.nanos();
                if (fatal.test(s.event())) throw new DemoFailure(description + ": " + s.event());
            }
        }
    }
}
