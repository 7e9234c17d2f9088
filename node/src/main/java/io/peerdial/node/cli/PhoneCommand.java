package io.peerdial.node.cli;

import io.peerdial.location.trust.TrustAnchors;
import io.peerdial.node.daemon.HostPort;
import io.peerdial.node.daemon.NodeDaemon;
import io.peerdial.node.daemon.Role;
import io.peerdial.node.media.net.RtpAudioEngine;
import io.peerdial.node.phone.CallInfo;
import io.peerdial.node.phone.CallState;
import io.peerdial.node.phone.MediaEngine;
import io.peerdial.node.phone.MediaOptions;
import io.peerdial.node.phone.NoMediaEngine;
import io.peerdial.node.phone.PhoneEvent;
import io.peerdial.node.phone.PhoneUA;
import io.peerdial.overlay.runtime.IdentityStore;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code peerdial phone}: the bundled softphone (docs/PHONE.md). Registers an AOR at a node's SIP
 * service (a running node with --node, else an embedded one), then either places one call
 * (--call, scripted, exit code from its outcome) or reads commands line by line from stdin
 * (with line editing on a terminal: {@link PhoneConsole}).
 */
@Command(name = "phone",
        description = "Softphone: registers --aor at a node and calls (--call) or takes commands on stdin "
                + "(call AOR, answer, reject, hangup, hold, resume, dtmf DIGITS, calls, status, quit).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.L_OK, ExitCodes.L_FAILURE, ExitCodes.L_USAGE, ExitCodes.L_NOT_FOUND, ExitCodes.L_REJECTED,
                ExitCodes.L_TIMEOUT})
final class PhoneCommand implements Callable<Integer> {

    private static final long OP_TIMEOUT_S = 10;
    /** How often an interactive phone prints each call's quality (loss, jitter, RTT). */
    static final java.time.Duration QUALITY_PERIOD = java.time.Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Option(names = "--aor", required = true, paramLabel = "AOR", description = "Address of record, e.g. sip:alice@example.org.")
    String aor;

    @Option(names = "--node", paramLabel = "HOST:PORT", converter = Converters.HostPortConverter.class,
            description = "SIP service (phone face) of a running node; without it an embedded node is started.")
    InetSocketAddress node;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0", converter = Converters.HostPortConverter.class,
            description = "Embedded node: UDP address of the overlay socket (default: ${DEFAULT-VALUE}).")
    InetSocketAddress listen;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", converter = Converters.HostPortConverter.class,
            description = "Embedded node: a node of the overlay to join through (repeatable).")
    List<InetSocketAddress> bootstrap = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", description = "Embedded node: data directory (default: ~/.peerdial).")
    Path data;

    @Option(names = "--call", paramLabel = "AOR", description = "Call AOR, then hang up after --duration and exit.")
    String call;

    @Option(names = "--auto-answer", description = "Answer incoming calls at once.")
    boolean autoAnswer;

    @Option(names = "--play", paramLabel = "FILE.wav|tone:HZ", description = "What to send in calls (handed to the media engine).")
    String play;

    @Option(names = "--record", paramLabel = "FILE.wav", description = "Record received audio (handed to the media engine).")
    Path record;

    @Option(names = "--no-media", description = "No RTP at all (the SDP advertises the discard port).")
    boolean noMedia;

    @Option(names = "--dtmf", paramLabel = "DIGITS", description = "With --call: DTMF digits to send once the call is up.")
    String dtmf;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "0",
            description = "With --call: seconds to stay in the call (default: ${DEFAULT-VALUE}); with --auto-answer and no "
                    + "stdin: seconds to wait for a call.")
    long duration;

    @Option(names = "--answer-timeout", paramLabel = "S", defaultValue = "30",
            description = "With --call: seconds to wait for an answer (default: ${DEFAULT-VALUE}).")
    long answerTimeout;

    private final BlockingQueue<PhoneEvent> events = new LinkedBlockingQueue<>();

    @Override
    public Integer call() throws Exception {
        if (!aor.startsWith("sip:") || aor.indexOf('@') < 5) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--aor': expected sip:USER@DOMAIN, got " + aor);
        }
        if (duration < 0 || answerTimeout <= 0) {
            throw new ParameterException(spec.commandLine(), "--duration must be >= 0 and --answer-timeout > 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        NodeDaemon embedded = null;
        InetSocketAddress proxy = node;
        if (proxy == null) {
            embedded = NodeDaemon.start(new NodeDaemon.Settings(listen, bootstrap, data != null ? data : IdentityStore.defaultDir(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Role.AUTO, TrustAnchors.none(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
            proxy = embedded.sip().phoneAddress();
        }
        PhoneConsole console = call == null ? PhoneConsole.open(out) : new PhoneConsole.Plain(System.in, out);
        // interactive: a call-quality line per call every QUALITY_PERIOD; scripted: the final counters only
        MediaEngine engine = new ReportingMediaEngine(noMedia ? new NoMediaEngine() : new RtpAudioEngine(), console::println,
                call == null ? QUALITY_PERIOD : java.time.Duration.ZERO, call == null ? ReportingMediaEngine.Ticker.daemon() : null);
        try (console; engine; PhoneUA ua = PhoneUA.start(new PhoneUA.Settings(aor, proxy, InetAddress.getLoopbackAddress(), autoAnswer,
                new MediaOptions(play, record)), engine, e -> {
                    console.println(e.toString());
                    events.add(e);
                })) {
            console.println("phone " + aor + " via node " + HostPort.format(proxy) + (embedded != null ? " (embedded)" : "")
                    + ", media: " + engine.describe());
            int status = await("registration", ua.register(600));
            if (status / 100 != 2) throw new CliFailure(ExitCodes.FAILURE, "registration of " + aor + " failed with " + status);
            return call != null ? scriptedCall(ua, console) : interactive(ua, console);
        } finally {
            if (embedded != null) embedded.close();
        }
    }

    private int scriptedCall(PhoneUA ua, PhoneConsole out) throws Exception {
        int id = await("call", ua.call(call));
        PhoneEvent up = nextState(id, answerTimeout, CallState.ESTABLISHED, CallState.ENDED);
        if (up == null) {
            await("hangup", ua.hangup(id));
            out.println("call " + id + " not answered within " + answerTimeout + " s");
            return ExitCodes.TIMEOUT;
        }
        if (up.state() == CallState.ENDED) return exitCodeOf(up.status());
        if (dtmf != null && !await("dtmf", ua.sendDtmf(id, dtmf))) out.println("dtmf not sent: media: " + ua.mediaName());
        PhoneEvent ended = nextState(id, duration, CallState.ENDED);
        if (ended == null) await("hangup", ua.hangup(id));
        return ExitCodes.OK;
    }

    private static int exitCodeOf(int status) {
        return switch (status) {
            case 404, 480, 484, 604 -> ExitCodes.NOT_FOUND;
            case 408 -> ExitCodes.TIMEOUT;
            default -> status >= 400 ? ExitCodes.REJECTED : ExitCodes.FAILURE;
        };
    }

    /** The next event of call {@code id} reaching one of {@code states} within {@code seconds}; null on timeout. */
    private PhoneEvent nextState(int id, long seconds, CallState... states) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            PhoneEvent e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) return null;
            if (e.kind() == PhoneEvent.Kind.STATE && e.callId() == id && List.of(states).contains(e.state())) return e;
        }
    }

    /** Until a call that was established has ended, or {@code seconds} have passed. */
    private void awaitAnsweredCallEnd(long seconds) throws InterruptedException {
        java.util.Set<Integer> up = new java.util.HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            PhoneEvent e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) return;
            if (e.kind() != PhoneEvent.Kind.STATE) continue;
            if (e.state() == CallState.ESTABLISHED) up.add(e.callId());
            if (e.state() == CallState.ENDED && up.contains(e.callId())) return;
        }
    }

    private int interactive(PhoneUA ua, PhoneConsole out) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            String[] w = line.strip().split("\\s+");
            if (w[0].isEmpty()) continue;
            if (w[0].equals("quit") || w[0].equals("exit")) return ExitCodes.OK;
            try {
                command(ua, out, w);
            } catch (IllegalArgumentException | IllegalStateException | CliFailure e) {
                out.println("error: " + e.getMessage());
            }
        }
        if (autoAnswer && duration > 0) awaitAnsweredCallEnd(duration); // stdin closed (a script): stay for a call
        return ExitCodes.OK;
    }

    private void command(PhoneUA ua, PhoneConsole out, String[] w) throws Exception {
        switch (w[0]) {
            case "call" -> out.println("call " + await("call", ua.call(arg(w, 1, "call AOR"))) + " placed");
            case "answer" -> await("answer", ua.answer(callId(ua, w, 1)));
            case "reject" -> await("reject", ua.reject(callId(ua, w, 1), w.length > 2 ? Integer.parseInt(w[2]) : 486));
            case "hangup" -> await("hangup", ua.hangup(callId(ua, w, 1)));
            case "hold" -> await("hold", ua.hold(callId(ua, w, 1)));
            case "resume" -> await("resume", ua.resume(callId(ua, w, 1)));
            case "dtmf" -> {
                if (!await("dtmf", ua.sendDtmf(callId(ua, w, 2), arg(w, 1, "dtmf DIGITS")))) {
                    out.println("dtmf not sent: media: " + ua.mediaName());
                }
            }
            case "calls" -> {
                List<CallInfo> all = await("calls", ua.calls());
                if (all.isEmpty()) out.println("no calls");
                all.forEach(c -> out.println(c.toString()));
            }
            case "status" -> {
                long active = await("calls", ua.calls()).stream().filter(c -> c.state() != CallState.ENDED).count();
                out.println(aor + " registered, contact " + ua.contact() + ", " + active + " active call(s), media: " + ua.mediaName());
            }
            case "help" -> out.println("commands: call AOR | answer [ID] | reject [ID] [CODE] | hangup [ID] | hold [ID] | resume [ID]"
                    + " | dtmf DIGITS [ID] | calls | status | quit");
            default -> out.println("unknown command '" + w[0] + "' (help lists them)");
        }
    }

    private static String arg(String[] w, int i, String usage) {
        if (w.length <= i) throw new IllegalArgumentException("usage: " + usage);
        return w[i];
    }

    /** The call named by word {@code i}, else the newest call that has not ended. */
    private static int callId(PhoneUA ua, String[] w, int i) throws Exception {
        if (w.length > i) {
            try {
                return Integer.parseInt(w[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a call id: " + w[i]);
            }
        }
        List<CallInfo> all = await("calls", ua.calls());
        for (int k = all.size() - 1; k >= 0; k--) if (all.get(k).state() != CallState.ENDED) return all.get(k).id();
        throw new IllegalStateException("no call in progress");
    }

    private static <T> T await(String what, java.util.concurrent.CompletableFuture<T> f) throws InterruptedException {
        try {
            return f.get(OP_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IllegalArgumentException || c instanceof IllegalStateException) throw (RuntimeException) c;
            throw new CliFailure(ExitCodes.FAILURE, what + " failed: " + c);
        } catch (TimeoutException e) {
            throw new CliFailure(ExitCodes.FAILURE, what + " did not finish within " + OP_TIMEOUT_S + " s");
        }
    }
}
