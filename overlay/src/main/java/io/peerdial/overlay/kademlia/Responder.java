package io.peerdial.overlay.kademlia;

import io.peerdial.overlay.identity.NodeId;
import io.peerdial.overlay.kademlia.Counters.Counter;
import io.peerdial.overlay.routing.RoutingTable;
import io.peerdial.overlay.storage.StoragePolicy;
import io.peerdial.overlay.storage.StoreOutcome;
import io.peerdial.overlay.storage.StoreStatus;
import io.peerdial.overlay.wire.AuthChallenge;
import io.peerdial.overlay.wire.AuthProof;
import io.peerdial.overlay.wire.Contact;
import io.peerdial.overlay.wire.FindNode;
import io.peerdial.overlay.wire.FindValue;
import io.peerdial.overlay.wire.Header;
import io.peerdial.overlay.wire.Message;
import io.peerdial.overlay.wire.MessageCodec;
import io.peerdial.overlay.wire.Nodes;
import io.peerdial.overlay.wire.Pong;
import io.peerdial.overlay.wire.Store;
import io.peerdial.overlay.wire.StoreResult;
import io.peerdial.overlay.wire.Values;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * How a node answers each request (Kademlia §2.3 RPCs): from its routing table, its storage
 * policy and its write tokens. Answering changes no node state but what the storage policy keeps,
 * which is why it sits apart from {@link OverlayNode}'s transitions.
 */
final class Responder {

    private final OverlayConfig config;
    private final NodeAuthenticator auth;
    private final RoutingTable table;
    private final StoragePolicy storage;
    private final Counters counters;
    private WriteTokens tokens;

    Responder(OverlayConfig config, NodeAuthenticator auth, RoutingTable table, StoragePolicy storage, Counters counters) {
        this.config = config;
        this.auth = auth;
        this.table = table;
        this.storage = storage;
        this.counters = counters;
    }

    /** Write tokens exist once the node has a clock reading; they come in with the first one. */
    void start(WriteTokens writeTokens) {
        this.tokens = writeTokens;
    }

    /** The response to {@code req} from {@code from}, with header {@code h} (echoing the transaction id). */
    Message.Response answer(long now, InetSocketAddress from, Message.Request req, Header h) {
        if (req instanceof FindNode f) {
            return new Nodes(h, from, tokens.issue(now, from), closestExcluding(f.target(), req.header().sender()));
        } else if (req instanceof FindValue f) {
            return values(now, h, from, f);
        } else if (req instanceof Store s) {
            return store(now, h, from, s);
        } else if (req instanceof AuthChallenge c) {
            return new AuthProof(h, from, auth.publicKey(), auth.prove(c.nonce()));
        }
        return new Pong(h, from);
    }

    private List<Contact> closestExcluding(NodeId target, NodeId requester) {
        return table.closest(target, config.k(), requester);
    }

    /** As many values from the requested index as fit in one datagram, then as many contacts as fit. */
    private Values values(long now, Header h, InetSocketAddress from, FindValue f) {
        List<byte[]> all = storage.get(now, f.key());
        int total = Math.min(all.size(), 0xFFFF);
        int start = Math.min(f.startIndex(), total);
        long token = tokens.issue(now, from);
        List<byte[]> page = new ArrayList<>();
        for (int i = start; i < total && page.size() < Values.MAX_VALUES; i++) {
            page.add(all.get(i));
            if (MessageCodec.encodedSize(new Values(h, from, token, List.of(), total, start, page)) > MessageCodec.MAX_DATAGRAM) {
                page.remove(page.size() - 1);
                break;
            }
        }
        List<Contact> contacts = new ArrayList<>(closestExcluding(f.key(), f.header().sender()));
        Values v = new Values(h, from, token, contacts, total, start, page);
        while (MessageCodec.encodedSize(v) > MessageCodec.MAX_DATAGRAM && !contacts.isEmpty()) {
            contacts.remove(contacts.size() - 1);
            v = new Values(h, from, token, contacts, total, start, page);
        }
        return v;
    }

    private StoreResult store(long now, Header h, InetSocketAddress from, Store s) {
        if (!tokens.valid(now, from, s.writeToken())) {
            counters.inc(Counter.STORE_BAD_TOKEN);
            return new StoreResult(h, from, StoreStatus.BAD_TOKEN.code, "write token not issued to " + from);
        }
        StoreOutcome o = storage.store(now, s.key(), s.value(), from);
        counters.inc(o.stored() ? Counter.STORE_ACCEPTED : Counter.STORE_REFUSED);
        return new StoreResult(h, from, o.status().code, fitShortText(o.detail()));
    }

    /** A policy's detail cut to the wire's 255 UTF-8 bytes, never inside a character. */
    static String fitShortText(String text) {
        if (text.length() <= 63) return text; // at most 4 bytes per char: fits
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > 255) break;
            out.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
