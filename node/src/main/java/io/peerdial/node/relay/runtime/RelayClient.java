package io.peerdial.node.relay.runtime;

import io.peerdial.location.map.DhtMap;
import io.peerdial.node.relay.RelayCredentials;
import io.peerdial.node.relay.RelayServiceIds;
import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.identity.NodeKeyPair;
import io.peerdial.overlay.runtime.OverlayRuntime;
import io.peerdial.overlay.runtime.RuntimeClock;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.relay.advert.AdvertDirectory;
import io.peerdial.relay.advert.RelayAdvert;
import io.peerdial.relay.advert.RelaySelector;
import io.peerdial.relay.credentials.CredentialClient;
import io.peerdial.relay.credentials.CredentialCodec;
import io.peerdial.relay.credentials.CredentialRequest;
import io.peerdial.relay.credentials.TurnCredential;
import io.peerdial.relay.receipt.ReceiptSigner;
import io.peerdial.relay.receipt.SessionId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of relays in the overlay, for the ICE layer: finds relay adverts in the DHT,
 * resolves each relay's overlay address (a FIND_NODE of its NodeId: super-nodes are DHT members),
 * measures RTTs with overlay probes, lets the {@link RelaySelector} pick a first and a second
 * choice, and obtains short-lived TURN credentials through the signed overlay exchange.
 *
 * <p>{@link #credentials()} gives the first choice's credentials; {@link #fallback()} the second
 * choice's (ICE restart when the first relay fails mid-call; it marks the first one failed).
 * {@link #session} returns the receipt signer of one relayed session. Thread-safe (one lock, held
 * only for in-memory work); futures complete on the overlay loop thread: continue with
 * {@code *Async} for slow work.
 */
public final class RelayClient {

    private static final Logger log = LoggerFactory.getLogger(RelayClient.class);

    /**
     * @param region               advert region to search
     * @param bytesPerSecondNeeded what one session needs (relays with less left are skipped)
     * @param maxAdvertAgeMs       older adverts are ignored
     * @param probes               relays probed per search
     * @param lifetimeSeconds      credential lifetime asked for (the relay may give less)
     * @param receiptIntervalMs    a receipt at least this often while bytes flow
     * @param receiptByteStep      ... or after this many more bytes
     */
    public record Options(String region, long bytesPerSecondNeeded, long maxAdvertAgeMs, int probes, long lifetimeSeconds,
                          long receiptIntervalMs, long receiptByteStep) {
        public static Options defaults(String region) {
            return new Options(region, 20_000, 10 * 60_000, 6, 600, 30_000, 1_000_000);
        }
    }

    private final OverlayRuntime overlay;
    private final AdvertDirectory adverts;
    private final NodeKeyPair identity;
    private final Options options;
    private final RuntimeClock clock = new RuntimeClock();
    private final RelaySelector selector;
    private final CredentialClient credentialClient;
    private final Map<NodeId, InetSocketAddress> overlayAddresses = new HashMap<>();
    private Optional<RelaySelector.Selection> choice = Optional.empty();

    /** {@code map}: any DHT map (adverts are only read through it). */
    public RelayClient(OverlayRuntime overlay, DhtMap map, NodeKeyPair identity, Options options, RandomGenerator random) {
        this.overlay = Objects.requireNonNull(overlay, "overlay");
        this.adverts = new AdvertDirectory(map, 4, Duration.ofMinutes(5));
        this.identity = Objects.requireNonNull(identity, "identity");
        this.options = Objects.requireNonNull(options, "options");
        this.selector = new RelaySelector(options.bytesPerSecondNeeded(), 2.0, 60_000);
        this.credentialClient = new CredentialClient(identity, random, 30_000);
    }

    /** Credentials from the best relay now (searching first if no choice is made yet). */
    public CompletableFuture<RelayCredentials> credentials() {
        return search().thenCompose(selection -> obtain(selection.primary())
                .exceptionallyCompose(e -> {
                    log.info("relay {} gave no credentials ({}); trying the second choice", selection.primary().relayId().shortHex(),
                            e.toString());
                    failed(selection.primary().relayId());
                    return selection.secondary().map(this::obtain)
                            .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("no usable relay", e)));
                }));
    }

    /** Credentials from the second choice; the first is marked failed (ICE restart after a relay failure). */
    public CompletableFuture<RelayCredentials> fallback() {
        Optional<RelaySelector.Selection> current;
        synchronized (this) {
            current = choice;
        }
        if (current.isEmpty()) return credentials();
        failed(current.get().primary().relayId());
        return current.get().secondary().map(this::obtain).orElseGet(this::credentials);
    }

    /**
     * Credentials from the second choice, the first one untouched: kept ready so that an ICE restart
     * after a relay failure need not wait for the overlay exchange. Fails when there is no second relay.
     */
    public CompletableFuture<RelayCredentials> secondary() {
        synchronized (this) {
            // a choice made while only one relay was known would otherwise never get a second: look again
            if (choice.isPresent() && choice.get().secondary().isEmpty()) choice = Optional.empty();
        }
        return search().thenCompose(selection -> selection.secondary().map(this::obtain)
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("no second relay with capacity"))));
    }

    /** The relay failed (allocation refused, relay gone): not chosen again for a minute. */
    public synchronized void failed(NodeId relay) {
        selector.failed(clock.now(), relay);
        choice = Optional.empty();
    }

    /** The current first and second choice, if a search made one. */
    public synchronized Optional<RelaySelector.Selection> choice() {
        return choice;
    }

    /**
     * The receipts of one relayed session, from the addresses of the Allocate success response
     * (XOR-RELAYED-ADDRESS, XOR-MAPPED-ADDRESS).
     */
    public RelaySession session(RelayCredentials credentials, InetSocketAddress relayed, InetSocketAddress mapped) {
        SessionId id = SessionId.of(credentials.username(), relayed, mapped);
        return new RelaySession(overlay, credentials.overlay(), credentials.relay(),
                new ReceiptSigner(identity, credentials.relay(), id, options.receiptIntervalMs(), options.receiptByteStep()), id);
    }

    /**
     * Receipt sessions for {@link io.peerdial.node.relay.RelayReceiptTracker}: {@link #session} per allocation;
     * a receipt the relay refuses or that gets no answer is logged (debug), never thrown (receipts never break a call).
     */
    public io.peerdial.node.relay.RelayReceiptTracker.Sender receipts() {
        return (credentials, relayed, mapped) -> {
            RelaySession s = session(credentials, relayed, mapped);
            String relay = credentials.relay().shortHex();
            return new io.peerdial.node.relay.RelayReceiptTracker.Sender.Session() {
                @Override
                public void update(long bytesToPeers, long bytesToClient) {
                    s.update(bytesToPeers, bytesToClient).exceptionally(e -> failed(relay, e));
                }

                @Override
                public void close(long bytesToPeers, long bytesToClient) {
                    s.close(bytesToPeers, bytesToClient).whenComplete((v, e) -> {
                        if (e != null) failed(relay, e);
                        else log.debug("final receipt kept by relay {}: {} bytes to peers, {} to us", relay, bytesToPeers,
                                bytesToClient);
                    });
                }
            };
        };
    }

    private static Void failed(String relay, Throwable e) {
        log.debug("receipt not kept by relay {}: {}", relay, e.toString());
        return null;
    }

    // ---------------------------------------------------------------- search

    private CompletableFuture<RelaySelector.Selection> search() {
        synchronized (this) {
            if (choice.isPresent()) return CompletableFuture.completedFuture(choice.get());
        }
        return adverts.find(clock.now(), options.region(), options.maxAdvertAgeMs()).thenCompose(found -> {
            List<RelayAdvert> toProbe;
            synchronized (this) {
                selector.offer(found);
                toProbe = selector.toProbe(clock.now(), options.probes());
            }
            List<CompletableFuture<Void>> probes = new ArrayList<>();
            for (RelayAdvert a : toProbe) probes.add(probe(a));
            return CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new));
        }).thenApply(v -> {
            synchronized (this) {
                choice = selector.choose(clock.now());
                return choice.orElseThrow(() -> new IllegalStateException("no relay with capacity answered in region "
                        + options.region()));
            }
        });
    }

    /** Resolves the relay node's overlay address, then times an overlay round trip to it. Never fails. */
    private CompletableFuture<Void> probe(RelayAdvert advert) {
        NodeId relay = advert.relayId();
        return resolve(relay).thenCompose(address -> {
            long sentAt = System.nanoTime();
            return overlay.appRequest(address, relay, RelayServiceIds.PROBE, new byte[0]).thenAccept(answer -> {
                long rttMs = Math.max(0, (System.nanoTime() - sentAt) / 1_000_000);
                synchronized (this) {
                    overlayAddresses.put(relay, address);
                    selector.measured(relay, rttMs);
                }
            });
        }).exceptionally(e -> {
            log.debug("relay {} did not answer a probe: {}", relay.shortHex(), e.toString());
            failed(relay);
            return null;
        });
    }

    private CompletableFuture<InetSocketAddress> resolve(NodeId relay) {
        synchronized (this) {
            InetSocketAddress known = overlayAddresses.get(relay);
            if (known != null) return CompletableFuture.completedFuture(known);
        }
        return overlay.findNode(relay).thenApply(lookup -> lookup.closest().stream().filter(c -> c.id().equals(relay))
                .map(Contact::address).findFirst()
                .orElseThrow(() -> new CompletionException(new IllegalStateException("relay " + relay.shortHex() + " not found"))));
    }

    // ---------------------------------------------------------------- credentials

    private CompletableFuture<RelayCredentials> obtain(RelayAdvert advert) {
        NodeId relay = advert.relayId();
        return resolve(relay).thenCompose(address -> {
            CredentialRequest request;
            synchronized (this) {
                credentialClient.expire(clock.now());
                request = credentialClient.request(clock.now(), relay, options.lifetimeSeconds());
            }
            return overlay.appRequest(address, relay, RelayServiceIds.CREDENTIALS, CredentialCodec.encode(request))
                    .thenApply(answer -> {
                        try {
                            TurnCredential c;
                            synchronized (this) {
                                // decodeGrant checks the relay's signature; accept checks it is for our pending request
                                c = credentialClient.accept(clock.now(), CredentialCodec.decodeGrant(answer));
                            }
                            return new RelayCredentials(relay, address, advert.turn(), advert.tcp(), c.realm(), c.username(),
                                    c.password(), c.expiresAt());
                        } catch (Exception e) {
                            throw new CompletionException(e);
                        }
                    });
        });
    }
}
