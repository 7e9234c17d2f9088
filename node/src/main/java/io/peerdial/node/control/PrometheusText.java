package io.peerdial.node.control;

import io.peerdial.node.daemon.NodeSnapshot;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code GET /metrics} document in the Prometheus text exposition format (version 0.0.4):
 * gauges for the table and storage sizes, a counter per core counter and per event-loop counter,
 * every name prefixed {@code peerdial_}.
 */
public final class PrometheusText {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {}

    public static String of(NodeSnapshot s) {
        StringBuilder out = new StringBuilder();
        gauge(out, "peerdial_overlay_contacts", "Contacts in the routing table.", s.overlay().contacts());
        gauge(out, "peerdial_overlay_pending_requests", "Requests awaiting an answer.", s.overlay().pendingRequests());
        gauge(out, "peerdial_storage_values", "Values stored for others.", s.overlay().storedValues());
        gauge(out, "peerdial_sip_registrations", "Local phones registered.", s.sipRegistrations());
        gauge(out, "peerdial_sip_active_calls", "Calls through the SIP service.", s.sipActiveCalls());
        gauge(out, "peerdial_relay_serving", "1 while this node relays for others (super-node), else 0.", s.relay().serving() ? 1 : 0);
        gauge(out, "peerdial_relay_allocations", "Live TURN allocations.", s.relay().allocations());
        gauge(out, "peerdial_relay_bytes_relayed", "Application bytes relayed since the TURN server started.", s.relay().bytesRelayed());
        gauge(out, "peerdial_relay_sessions", "Relayed sessions expecting receipts.", s.relay().sessions());
        gauge(out, "peerdial_relay_receipts", "Receipts kept as proof of relaying.", s.relay().receipts());
        gauge(out, "peerdial_relay_balance_bytes", "This node's relay credit balance (bytes).", s.relay().balance());
        counters(out, "peerdial_", s.overlay().counters(), "Overlay counter ");
        counters(out, "peerdial_runtime_", s.runtime().asMap(), "Event loop counter ");
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void counters(StringBuilder out, String prefix, Map<String, Long> counters, String help) {
        // Two source names may map to one metric name: their values are added rather than emitted twice.
        Map<String, Long> byMetric = new TreeMap<>();
        Map<String, String> sourceName = new TreeMap<>();
        for (Map.Entry<String, Long> e : counters.entrySet()) {
            String metric = prefix + sanitize(e.getKey()) + "_total";
            byMetric.merge(metric, e.getValue(), Long::sum);
            sourceName.putIfAbsent(metric, e.getKey());
        }
        for (Map.Entry<String, Long> e : byMetric.entrySet()) {
            out.append("# HELP ").append(e.getKey()).append(' ').append(help)
                    .append(escapeHelp(sourceName.get(e.getKey()))).append(".\n");
            out.append("# TYPE ").append(e.getKey()).append(" counter\n");
            out.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        }
    }

    /** A valid metric name fragment: [a-zA-Z0-9_], lower case, no leading digit, no doubled underscores. */
    static String sanitize(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("_+", "_").toLowerCase(java.util.Locale.ROOT);
        s = s.replaceAll("^_|_$", "");
        if (s.isEmpty()) return "unnamed";
        return s.endsWith("_total") ? s.substring(0, s.length() - "_total".length()) : s;
    }

    private static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
