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
    /** AOR → TTL (s) of the binding published for it. */
    private final java.util.Map<Aor, Long> published = new java.util.LinkedHashMap<>();
    /** AORs of {@link #published} whose last publication failed; guarded by {@code published}. */
    private final java.util.Set<Aor> unpublished = new java.util.LinkedHashSet<>();
    /** The retry of {@link #unpublished} under way, if any, and when the next may start (timer thread only). */
    private CompletableFuture<?> retrying = CompletableFuture.completedFuture(null);
    private long nextRetryAt;
    private long retryDelayMs = RETRY_UNPUBLISHED_MS;
    private final java.util.function.Supplier<List<BindingContact>> contacts;

    private final io.peerdial.node.sip.ServedAors served;

    Registrar(LocalRegistrar table, SipMessages sip, Bindings bindings, ScheduledExecutorService timer,
              java.util.function.Supplier<List<BindingContact>> contacts, io.peerdial.node.sip.ServedAors served) {
        this.contacts = contacts;
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

    private CompletableFuture<?> publish(Aor aor, long ttlSeconds) {
        synchronized (published) {
            published.put(aor, ttlSeconds);
        }
        log.info("phone registered {}: publishing this device's binding", aor);
        return tracked(aor, bindings.publish(aor, Duration.ofSeconds(Math.min(ttlSeconds, MAX_EXPIRES_S)), contacts.get()));
    }

    /** {@code publication} of {@code aor}'s binding, remembered as failed (to retry) or done when it completes. */
    private CompletableFuture<?> tracked(Aor aor, CompletableFuture<?> publication) {
        return publication.whenComplete((r, e) -> {
            synchronized (published) {
                if (e == null) unpublished.remove(aor);
                else if (published.containsKey(aor)) unpublished.add(aor); // not withdrawn in the meantime
            }
        });
    }

    /**
     * Publishes every binding again with the current contacts: the node's rendezvous changed, or the
     * node (re)joined the overlay — a phone that registered before the join found no node to store on.
     */
    void republishAll() {
        java.util.Map<Aor, Long> all;
        synchronized (published) {
            all = java.util.Map.copyOf(published);
        }
        republish(all, false);
    }

    /** {@code retry}: a failure was already reported, so another one is only logged at debug level. */
    private CompletableFuture<Void> republish(java.util.Map<Aor, Long> bindingsToPublish, boolean retry) {
        List<BindingContact> now = contacts.get();
        List<CompletableFuture<?>> all = new ArrayList<>();
        bindingsToPublish.forEach((aor, ttl) -> all.add(tracked(aor,
                bindings.publish(aor, Duration.ofSeconds(Math.min(ttl, MAX_EXPIRES_S)), now)).whenComplete((r, e) -> {
                    if (e == null) log.info("republished the binding of {} with contacts {}", aor, now);
                    else if (retry) log.debug("binding of {} still not published: {}", aor, e.toString());
                    else log.warn("binding of {} not republished: {}", aor, e.toString());
                })));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null);
    }

    /** Publishes again the bindings whose publication failed, one round at a time (timer thread). */
    private void retryUnpublished(long now) {
        if (now < nextRetryAt || !retrying.isDone()) return;
        java.util.Map<Aor, Long> failed = new java.util.LinkedHashMap<>();
        synchronized (published) {
            for (Aor aor : unpublished) failed.put(aor, published.get(aor));
        }
        if (failed.isEmpty()) {
            retryDelayMs = RETRY_UNPUBLISHED_MS;
            return;
        }
        nextRetryAt = now + retryDelayMs;
        retryDelayMs = Math.min(2 * retryDelayMs, RETRY_UNPUBLISHED_MAX_MS);
        retrying = republish(failed, true);
    }

    private CompletableFuture<?> withdraw(Aor aor) {
        synchronized (published) {
            published.remove(aor);
            unpublished.remove(aor);
        }
        log.info("no phone registered for {} any more: withdrawing the binding", aor);
        return bindings.withdraw(aor);
    }

    private void sweep() {
        long now = now();
        List<Aor> gone;
        synchronized (table) {
            gone = table.expire(now);
        }
        gone.forEach(this::withdraw);
        retryUnpublished(now);
    }

    /** Tombstones for every binding still published (node shutdown). */
    CompletableFuture<Void> withdrawAll() {
        List<Aor> all;
        synchronized (published) {
            all = List.copyOf(published.keySet());
        }
        return CompletableFuture.allOf(all.stream().map(a -> withdraw(a).exceptionally(e -> null)).toArray(CompletableFuture[]::new));
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
