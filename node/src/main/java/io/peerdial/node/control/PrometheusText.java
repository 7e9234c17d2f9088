package io.peerdial.node.control;

import io.peerdial.node.daemon.NodeSnapshot;
import io.peerdial.node.sip.SipMetrics;
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
        sip(out, s.sip());
        counters(out, "peerdial_", s.overlay().counters(), "Overlay counter ");
        gauge(out, "peerdial_runtime_tcp_connections", "TCP connections carrying overlay datagrams now.", s.runtime().tcpConnections());
        Map<String, Long> loop = new java.util.LinkedHashMap<>(s.runtime().asMap());
        loop.remove("tcp_connections"); // a gauge, above
        counters(out, "peerdial_runtime_", loop, "Event loop counter ");
        return out.toString();
    }

    /** What SipMetrics keys mean: metric name, help, and the label names of the key's parts after the first. */
    private record SipFamily(String metric, String help, String... labels) {}

    private static final Map<String, SipFamily> SIP_FAMILIES = Map.of(
            "requests_received", new SipFamily("peerdial_sip_requests_received_total", "SIP requests received.", "face", "method"),
            "responses_received", new SipFamily("peerdial_sip_responses_received_total", "SIP responses received on branches.",
                    "face", "class"),
            "requests_sent", new SipFamily("peerdial_sip_requests_sent_total", "SIP requests forwarded.", "face", "method"),
            "responses_stray", new SipFamily("peerdial_sip_responses_stray_total",
                    "Responses of no transaction (2xx retransmissions), forwarded statelessly."),
            "responses_sent", new SipFamily("peerdial_sip_responses_sent_total", "SIP responses sent.", "class"),
            "calls_attempted", new SipFamily("peerdial_sip_calls_attempted_total",
                    "Initial INVITEs taken on (outgoing: from a local phone; incoming: from another node).", "direction"),
            "calls_connected", new SipFamily("peerdial_sip_calls_connected_total", "Calls answered with a 2xx.", "direction"),
            "calls_failed", new SipFamily("peerdial_sip_calls_failed_total", "Calls that ended with a final failure, by status.",
                    "direction", "status"),
            "refused", new SipFamily("peerdial_sip_refused_total",
                    "Requests refused before forwarding: oversized (513), bad signature (403), loop (483), "
                            + "overload (503), rate limited (503).", "reason"));

    static void sip(StringBuilder out, SipMetrics.Snapshot s) {
        Map<String, StringBuilder> families = new TreeMap<>();
        for (Map.Entry<String, Long> e : s.counters().entrySet()) {
            String[] parts = e.getKey().split("\\|");
            SipFamily f = SIP_FAMILIES.get(parts[0]);
            if (f == null || parts.length - 1 != f.labels().length) continue;
            StringBuilder lines = families.computeIfAbsent(f.metric(), m -> new StringBuilder()
                    .append("# HELP ").append(m).append(' ').append(f.help()).append('\n')
                    .append("# TYPE ").append(m).append(" counter\n"));
            lines.append(f.metric());
            for (int i = 0; i < f.labels().length; i++) {
                lines.append(i == 0 ? '{' : ',');
                lines.append(f.labels()[i]).append("=\"").append(parts[i + 1].toLowerCase(java.util.Locale.ROOT)).append('"');
            }
            lines.append(f.labels().length > 0 ? "} " : " ").append(e.getValue()).append('\n');
        }
        families.values().forEach(out::append);
        String h = "peerdial_sip_lookup_duration_seconds";
        out.append("# HELP ").append(h).append(" DHT lookups a call waited for, until the bindings were verified.\n");
        out.append("# TYPE ").append(h).append(" histogram\n");
        long cumulative = 0;
        for (int i = 0; i < SipMetrics.LOOKUP_BUCKETS_MS.length; i++) {
            cumulative += s.lookupBuckets()[i];
            out.append(h).append("_bucket{le=\"").append(seconds(SipMetrics.LOOKUP_BUCKETS_MS[i])).append("\"} ")
                    .append(cumulative).append('\n');
        }
        out.append(h).append("_bucket{le=\"+Inf\"} ").append(s.lookups()).append('\n');
        out.append(h).append("_sum ").append(seconds(s.lookupSumMs())).append('\n');
        out.append(h).append("_count ").append(s.lookups()).append('\n');
        String failures = "peerdial_sip_lookup_failures_total";
        out.append("# HELP ").append(failures).append(" DHT lookups for calls that failed or timed out.\n");
        out.append("# TYPE ").append(failures).append(" counter\n");
        out.append(failures).append(' ').append(s.lookupFailures()).append('\n');
    }

    private static String seconds(long ms) {
        return java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
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
