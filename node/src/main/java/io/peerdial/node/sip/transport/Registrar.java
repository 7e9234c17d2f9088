package io.peerdial.node.sip.transport;

import io.peerdial.location.binding.Aor;
import io.peerdial.location.binding.Binding;
import io.peerdial.location.binding.BindingContact;
import io.peerdial.location.binding.Reachability;
import io.peerdial.location.map.DhtMap;
import io.peerdial.location.service.BindingPublisher;
import io.peerdial.node.sip.LocalRegistrar;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ServerTransaction;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REGISTER from local phones (RFC 3261 §10.3) in front of the {@link LocalRegistrar}: the first
 * contact of an AOR publishes this device's binding (contact: the node face), the last one gone
 * (Expires: 0, or expired) withdraws it with a tombstone. The publisher refreshes the binding in
 * between; this class stops it when the phone stops refreshing its registration, and publishes
 * again, with a growing delay, a binding whose publication failed (no node to store on yet).
 *
 * <p>Writes of one AOR's binding never overlap: a republish asked while one is under way waits for
 * it, then writes the contacts current at that moment (if they changed, or if the write failed).
 * Each write reads the contacts when it starts and the publisher gives it a higher sequence number
 * than the previous one, so the newest contact list is always the one storers keep; two writes in
 * flight at once could reach a storer out of order, or pair an older list with the higher number.
 */
public final class Registrar {

    private static final Logger log = LoggerFactory.getLogger(Registrar.class);
    /** RFC 3261 §10.2.1.1: the registrar's default when the phone gives no expiry. */
    static final long DEFAULT_EXPIRES_S = 3600;
    /** Longest registration accepted (the binding lifetime cap, DhtMap.MAX_TTL). */
    static final long MAX_EXPIRES_S = DhtMap.MAX_TTL.toSeconds();
    /** How long a REGISTER waits for the DHT write before it is answered anyway. */
    static final long PUBLISH_WAIT_MS = 5_000;
    /**
     * How soon a binding whose publication failed is tried again (then twice as late each round, up
     * to {@link #RETRY_UNPUBLISHED_MAX_MS}): a phone that registers before the node has joined the
     * overlay, or while it has lost every contact, would otherwise be unreachable until the
     * publisher's next refresh.
     */
    static final long RETRY_UNPUBLISHED_MS = 5_000;
    static final long RETRY_UNPUBLISHED_MAX_MS = 60_000;
    /**
     * After this long a write still under way no longer holds back the AOR's next one (the overlay's
     * store normally answers within seconds; one that never does must not freeze the binding).
     */
    static final long WRITE_TIMEOUT_MS = 30_000;

    /** The DHT side: this device's binding of an AOR. */
    public interface Bindings {
        /** Publishes this device's binding of {@code aor} with {@code contacts} (the node face, or its rendezvous). */
        CompletableFuture<?> publish(Aor aor, Duration ttl, List<BindingContact> contacts);

        CompletableFuture<?> withdraw(Aor aor);

        /** Bindings signed by {@code userKey} for device {@code device}. */
        static Bindings of(BindingPublisher publisher, NodeKeyPair userKey, NodeId device) {
            return new Bindings() {
                @Override
                public CompletableFuture<?> publish(Aor aor, Duration ttl, List<BindingContact> contacts) {
                    Binding b = new Binding(aor, device, Reachability.UNKNOWN, 0, contacts);
                    return publisher.publish(userKey, b, ttl, new byte[0]);
                }

                @Override
                public CompletableFuture<?> withdraw(Aor aor) {
                    return publisher.unpublish(userKey, aor, device);
                }
            };
        }
    }

    private final LocalRegistrar table;
    private final SipMessages sip;
    private final Bindings bindings;
    private final ScheduledExecutorService timer;
    /** AOR → the binding published for it; the map guards every {@link Publication}. */
    private final java.util.Map<Aor, Publication> published = new java.util.LinkedHashMap<>();
    private final java.util.function.Supplier<List<BindingContact>> contacts;
    private final java.util.function.LongSupplier clock;

    /** One AOR's binding: its lifetime, its write under way (at most one) and its retry schedule. */
    private static final class Publication {
        final Duration ttl;
        /** A write is under way: no other one starts until it completes. */
        boolean writing;
        /** A republish was asked while {@link #writing}: due when that write completes. */
        boolean again;
        /** The last write failed: written again at {@link #retryAt}. */
        boolean failed;
        long retryAt;
        long retryDelayMs = RETRY_UNPUBLISHED_MS;

        Publication(Duration ttl) {
            this.ttl = ttl;
        }
    }

    private final io.peerdial.node.sip.ServedAors served;

    /** {@code clock}: milliseconds since the epoch (registrations and retries). */
    Registrar(LocalRegistrar table, SipMessages sip, Bindings bindings, ScheduledExecutorService timer,
              java.util.function.Supplier<List<BindingContact>> contacts, io.peerdial.node.sip.ServedAors served,
              java.util.function.LongSupplier clock) {
        this.contacts = contacts;
        this.clock = clock;
        this.served = served;
        this.table = table;
        this.sip = sip;
        this.bindings = bindings;
        this.timer = timer;
    }

    void startSweeping() {
        timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    List<LocalRegistrar.Registration> contacts(Aor aor) {
        synchronized (table) {
            return table.contacts(now(), aor);
        }
    }

    int size() {
        synchronized (table) {
            return table.size();
        }
    }

    void onRegister(ServerTransaction st, Request request) throws Exception {
        Aor aor;
        try {
            aor = Aor.parse(((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI().toString());
        } catch (IllegalArgumentException e) {
            st.sendResponse(sip.response(Response.BAD_REQUEST, request));
            return;
        }
        if (!served.serves(aor)) { // RFC 3261 §10.3 step 6: not a name this node signs bindings for
            log.info("REGISTER for {} refused: this node serves {}", aor, served);
            Response forbidden = sip.response(Response.FORBIDDEN, request);
            forbidden.setReasonPhrase("AOR Not Served Here");
            st.sendResponse(forbidden);
            return;
        }
        ExpiresHeader expiresHeader = request.getExpires();
        long defaultExpires = expiresHeader == null ? DEFAULT_EXPIRES_S : expiresHeader.getExpires();
        long now = now();
        LocalRegistrar.Change change = LocalRegistrar.Change.NONE;
        long longest = 0;
        synchronized (table) {
            ListIterator<?> it = request.getHeaders(ContactHeader.NAME);
            while (it.hasNext()) {
                ContactHeader c = (ContactHeader) it.next();
                long expires = c.getExpires() >= 0 ? c.getExpires() : defaultExpires;
                expires = Math.min(expires, MAX_EXPIRES_S);
                LocalRegistrar.Change ch;
                if (c.isWildCard()) { // RFC 3261 §10.3 step 6: "*" only with Expires: 0
                    ch = table.removeAll(now, aor);
                } else {
                    ch = table.register(now, aor, c.getAddress().getURI().toString(), expires);
                    longest = Math.max(longest, expires);
                }
                if (ch == LocalRegistrar.Change.FIRST || ch == LocalRegistrar.Change.LAST_GONE) change = ch;
                else if (change == LocalRegistrar.Change.NONE) change = ch;
            }
        }
        Response ok = sip.response(Response.OK, request);
        for (LocalRegistrar.Registration r : contacts(aor)) { // RFC 3261 §10.3 step 8: every current binding
            URI uri = sip.addresses.createURI(r.contactUri());
            ContactHeader h = sip.headers.createContactHeader(sip.addresses.createAddress(uri));
            h.setExpires((int) Math.max(0, (r.expiresAt() - now) / 1000));
            ok.addHeader(h);
        }
        CompletableFuture<?> dht = switch (change) {
            case FIRST -> publish(aor, Math.max(longest, 60));
            case LAST_GONE -> withdraw(aor);
            default -> CompletableFuture.completedFuture(null);
        };
        dht.orTimeout(PUBLISH_WAIT_MS, TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
            if (e != null) log.warn("binding of {} not (yet) in the DHT: {}", aor, e.toString());
            try {
                st.sendResponse(ok);
            } catch (Exception ex) {
                log.debug("REGISTER answer not sent: {}", ex.toString());
            }
        });
    }

    /** The first contact of {@code aor} registered: publishes its binding (package-private for tests). */
    CompletableFuture<?> publish(Aor aor, long ttlSeconds) {
        Publication p = new Publication(Duration.ofSeconds(Math.min(ttlSeconds, MAX_EXPIRES_S)));
        synchronized (published) {
            published.put(aor, p);
            p.writing = true;
        }
        log.info("phone registered {}: publishing this device's binding", aor);
        return write(aor, p);
    }

    /**
     * Publishes every binding again with the current contacts: the node's rendezvous changed, or the
     * node (re)joined the overlay — a phone that registered before the join found no node to store on.
     */
    void republishAll() {
        List<Aor> all;
        synchronized (published) {
            all = List.copyOf(published.keySet());
        }
        all.forEach(aor -> republish(aor, true));
    }

    /**
     * Writes {@code aor}'s binding with the current contacts now, or once the write under way
     * completes. {@code fresh}: the overlay or the contacts changed, so a failure starts the retry
     * delays over (a retry of its own keeps growing them).
     */
    private void republish(Aor aor, boolean fresh) {
        Publication p;
        synchronized (published) {
            p = published.get(aor);
            if (p == null) return; // withdrawn meanwhile
            if (fresh) p.retryDelayMs = RETRY_UNPUBLISHED_MS;
            if (p.writing) {
                p.again = true;
                return;
            }
            p.writing = true;
        }
        write(aor, p);
    }

    /** Writes {@code p}, whose {@code writing} the caller set: no other write of {@code aor} overlaps it. */
    private CompletableFuture<?> write(Aor aor, Publication p) {
        // read now, not when the write was asked for: a write that waited for another one carries
        // the contacts of its own moment, and gets a higher seq than the one it waited for
        List<BindingContact> sent = contacts.get();
        CompletableFuture<?> publication;
        try {
            publication = bindings.publish(aor, p.ttl, sent).copy(); // the timeout below is ours, not the publisher's
        } catch (RuntimeException e) {
            publication = CompletableFuture.failedFuture(e);
        }
        return publication.orTimeout(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS).whenComplete((r, e) -> onWritten(aor, p, sent, e));
    }

    private void onWritten(Aor aor, Publication p, List<BindingContact> sent, Throwable failure) {
        boolean again;
        boolean failedBefore;
        long retryInMs = 0;
        synchronized (published) {
            p.writing = false;
            if (published.get(aor) != p) return; // withdrawn (or registered anew) meanwhile: the tombstone or the new binding rules
            again = p.again;
            p.again = false;
            failedBefore = p.failed;
            p.failed = failure != null;
            if (failure == null) {
                p.retryDelayMs = RETRY_UNPUBLISHED_MS;
            } else {
                retryInMs = p.retryDelayMs;
                p.retryAt = now() + retryInMs;
                p.retryDelayMs = Math.min(2 * p.retryDelayMs, RETRY_UNPUBLISHED_MAX_MS);
            }
        }
        if (failure == null) log.info("published the binding of {} with contacts {}", aor, sent);
        else if (failedBefore) log.debug("binding of {} still not published: {}", aor, failure.toString());
        else log.warn("binding of {} not published ({}); trying again {}", aor, failure.toString(),
                again ? "now (republish asked meanwhile)" : "in " + retryInMs / 1000 + " s");
        // contacts.get() outside the lock: the rendezvous client may hold its own lock while it asks for a republish
        if (again && (failure != null || !contacts.get().equals(sent))) republish(aor, false);
    }

    private CompletableFuture<?> withdraw(Aor aor) {
        synchronized (published) {
            published.remove(aor);
        }
        log.info("no phone registered for {} any more: withdrawing the binding", aor);
        return bindings.withdraw(aor);
    }

    /** Expires registrations and writes again the bindings whose retry is due (timer thread; package-private for tests). */
    void sweep() {
        long now = now();
        List<Aor> gone;
        synchronized (table) {
            gone = table.expire(now);
        }
        gone.forEach(this::withdraw);
        List<Aor> due = new ArrayList<>();
        synchronized (published) {
            published.forEach((aor, p) -> {
                if (p.failed && !p.writing && now >= p.retryAt) due.add(aor);
            });
        }
        due.forEach(aor -> republish(aor, false));
    }

    /** Tombstones for every binding still published (node shutdown). */
    CompletableFuture<Void> withdrawAll() {
        List<Aor> all;
        synchronized (published) {
            all = List.copyOf(published.keySet());
        }
        return CompletableFuture.allOf(all.stream().map(a -> withdraw(a).exceptionally(e -> null)).toArray(CompletableFuture[]::new));
    }

    private long now() {
        return clock.getAsLong();
    }
}
