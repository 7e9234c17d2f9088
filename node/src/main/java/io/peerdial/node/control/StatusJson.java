package io.peerdial.node.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerdial.node.daemon.HostPort;
import io.peerdial.node.daemon.NodeSnapshot;
import java.util.Map;
import java.util.TreeMap;

/** The {@code GET /status} document (CONTRACTS.md, "peerdial status JSON"). */
public final class StatusJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusJson() {}

    public static ObjectNode of(NodeSnapshot s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("nodeId", s.overlay().nodeId().toHex());
        root.put("reachability", s.reachability());
        root.put("role", s.role());
        root.put("listen", HostPort.format(s.listen()));
        ObjectNode overlay = root.putObject("overlay");
        overlay.put("contacts", s.overlay().contacts());
        overlay.put("pendingRequests", s.overlay().pendingRequests());
        overlay.put("client", s.overlay().client());
        overlay.put("transport", s.overlayTransport()); // udp, or tcp when UDP is blocked (docs/PROTOCOL.md)
        root.putObject("storage").put("values", s.overlay().storedValues());
        // relay.role is "relay" while this node relays for others (super-node), else "none" (relay.reason says why).
        ObjectNode sip = root.putObject("sip");
        sip.put("registrations", s.sipRegistrations());
        sip.put("activeCalls", s.sipActiveCalls());
        ObjectNode relay = root.putObject("relay");
        relay.put("role", s.relay().role());
        relay.put("reason", s.relay().reason());
        relay.put("allocations", s.relay().allocations());
        relay.put("bytesRelayed", s.relay().bytesRelayed());
        relay.put("sessions", s.relay().sessions());
        relay.put("receipts", s.relay().receipts());
        relay.put("balance", s.relay().balance());
        ObjectNode counters = root.putObject("counters");
        new TreeMap<>(s.overlay().counters()).forEach(counters::put);
        ObjectNode runtime = root.putObject("runtime");
        for (Map.Entry<String, Long> e : s.runtime().asMap().entrySet()) runtime.put(e.getKey(), e.getValue());
        return root;
    }

    public static String toJson(NodeSnapshot s) {
        return of(s).toString();
    }
}
