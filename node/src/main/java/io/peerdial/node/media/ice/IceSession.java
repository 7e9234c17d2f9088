package io.peerdial.node.media.ice;

import io.peerdial.node.media.ice.IceFailedException.Reason;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * ICE for one call's audio: one media stream, one component (RTP and RTCP multiplexed, RFC 5761),
 * checks run by ice4j (RFC 8445). Life: {@link #create} gathers; {@link #localDescription} goes into
 * our SDP; {@link #start} takes the peer's; {@link #completion} (and the {@link Listener}) report the
 * selected pair or the failure; {@link #send} and the {@link DatagramHandler} carry datagrams on the
 * selected pair; {@link #restart} on a re-INVITE; {@link #close} frees everything.
 *
 * <p>During an ICE restart (RFC 8445 §9) media keeps flowing on the previous run's pair until the new
 * run completes; then the previous run is freed. Thread-safe.
 */
public final class IceSession implements AutoCloseable {

    /** RFC 8445 §6.1.1: the offerer of a full-ICE session is controlling. */
    public enum Role { CONTROLLING, CONTROLLED }

    /** Outcome callbacks, called on an ice4j thread: they must not block. */
    public interface Listener {
        default void completed(SelectedPair pair) {
        }

        default void failed(IceFailedException failure) {
        }
    }

    /** Receives every non-STUN datagram that arrives on the selected pair, on the session's receive thread. */
    @FunctionalInterface
    public interface DatagramHandler {
        void datagram(byte[] data, int offset, int length);
    }

    private final Role role;
    private IceConfig config; // replaced by restart(IceConfig): e.g. another relay after a relay failure
    private final Listener listener;
    private final DatagramHandler receiver;
    private IceRun current;
    private IceRun previous; // still carrying media while a restarted run checks
    private boolean started;
    private boolean closed;

    private IceSession(Role role, IceConfig config, Listener listener, DatagramHandler receiver) {
        this.role = Objects.requireNonNull(role);
        this.config = Objects.requireNonNull(config);
        this.listener = Objects.requireNonNull(listener);
        this.receiver = Objects.requireNonNull(receiver);
    }

    /** Creates the session and gathers its candidates (blocks while STUN/TURN servers answer, at most ~3 s). */
    public static IceSession create(Role role, IceConfig config, Listener listener, DatagramHandler receiver)
            throws IOException {
        IceSession s = new IceSession(role, config, listener, receiver);
        s.current = s.newRun(0, config);
        return s;
    }

    public Role role() {
        return role;
    }

    /** Our credentials and candidates for the SDP (gathering is over: end-of-candidates is set). */
    public synchronized IceDescription localDescription() {
        ensureOpen();
        return current.localDescription();
    }

    /** Starts the checks against the peer's description; once per run (again after {@link #restart}). */
    public synchronized void start(IceDescription remote) {
        ensureOpen();
        if (started) {
            throw new IllegalStateException("already started; restart() for new credentials");
        }
        started = true;
        current.start(remote, config.failAfter());
    }

    /** The current run's outcome: the selected pair, or an {@link IceFailedException}. */
    public synchronized CompletableFuture<SelectedPair> completion() {
        return current.completion();
    }

    /** The pair media goes over now, if any. */
    public synchronized Optional<SelectedPair> selectedPair() {
        IceRun run = carrier();
        return run == null ? Optional.empty() : Optional.of(run.completion().join());
    }

    /** Sends one datagram over the selected pair. */
    public void send(byte[] data, int offset, int length) throws IOException {
        IceRun run;
        synchronized (this) {
            ensureOpen();
            run = carrier();
        }
        if (run == null) {
            throw new IllegalStateException("no selected pair yet");
        }
        run.send(data, offset, length);
    }

    /**
     * ICE restart (RFC 8445 §9; RFC 8839 §4.4.1.1.1: new ice-ufrag and ice-pwd in the re-offer): a new
     * agent with new credentials gathers again; returns its description. Call {@link #start} with the
     * peer's new description to re-check. The role stays the same.
     */
    public IceDescription restart() throws IOException {
        IceConfig same;
        synchronized (this) {
            same = config;
        }
        return restart(same);
    }

    /**
     * ICE restart gathering with {@code newConfig} from now on, e.g. the second choice relay's TURN
     * server after the first relay failed mid-call (ARCHITECTURE.md "A call", step 4).
     */
    public IceDescription restart(IceConfig newConfig) throws IOException {
        Objects.requireNonNull(newConfig, "newConfig");
        int generation;
        synchronized (this) {
            ensureOpen();
            generation = current.generation + 1;
        }
        IceRun next = newRun(generation, newConfig); // gathers: not under the lock
        IceRun superseded = null;
        synchronized (this) {
            if (closed) {
                next.close(Reason.CLOSED);
                throw new IllegalStateException("closed");
            }
            if (current.isCompleted()) {
                if (previous != null) {
                    superseded = previous;
                }
                previous = current;
            } else {
                superseded = current; // never completed: nothing to keep
            }
            current = next;
            config = newConfig;
            started = false;
        }
        if (superseded != null) {
            superseded.close(Reason.SUPERSEDED);
        }
        return next.localDescription();
    }

    /** What each candidate harvester of the current run did (STUN/TURN transactions, candidates kept). */
    public synchronized List<HarvestReport> harvests() {
        return current.harvests();
    }

    /**
     * Bytes carried by each TURN allocation of the current run so far (receipts), counted by the run's
     * TURN tap (docs/MEDIA.md "TURN tap"): one entry per allocation the server confirmed. After
     * {@link #close} the counts are final. A restart starts a new run with new allocations and counts:
     * read the old run's before restarting if its receipts matter.
     */
    public synchronized List<RelayUsage> relayUsage() {
        return current.relayUsage();
    }

    /** Frees the agents: sockets, ice4j timers, the receive threads. Pending completions fail with CLOSED. */
    @Override
    public void close() {
        IceRun a;
        IceRun b;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            a = current;
            b = previous;
            previous = null;
        }
        a.close(Reason.CLOSED);
        if (b != null) {
            b.close(Reason.CLOSED);
        }
    }

    private IceRun newRun(int generation, IceConfig runConfig) throws IOException {
        IceRun run = new IceRun(generation, role == Role.CONTROLLING, runConfig, receiver);
        run.completion().whenComplete((pair, error) -> {
            if (pair != null) {
                retirePrevious(run);
                listener.completed(pair);
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof IceFailedException f) {
                    listener.failed(f);
                }
            }
        });
        return run;
    }

    /** Once a restarted run completes, the run it replaced stops carrying media. */
    private void retirePrevious(IceRun completed) {
        IceRun old;
        synchronized (this) {
            if (current != completed || previous == null) {
                return;
            }
            old = previous;
            previous = null;
        }
        old.close(Reason.SUPERSEDED);
    }

    private IceRun carrier() {
        if (current.isCompleted()) {
            return current;
        }
        return previous != null && previous.isCompleted() ? previous : null;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
    }
}
