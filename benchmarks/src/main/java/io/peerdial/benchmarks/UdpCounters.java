package io.peerdial.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Linux's UDP counters ({@code /proc/net/snmp}), to tell datagrams the kernel dropped from ones the node never answered. */
final class UdpCounters {

    private UdpCounters() {}

    /** {@code Udp: RcvbufErrors} (datagrams dropped because a socket's receive buffer was full), or -1 if unavailable. */
    static long receiveBufferErrors() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp: ") && lines.get(i + 1).startsWith("Udp: ")) {
                    List<String> names = List.of(lines.get(i).trim().split("\\s+"));
                    String[] values = lines.get(i + 1).trim().split("\\s+");
                    int at = names.indexOf("RcvbufErrors");
                    return at < 0 ? -1 : Long.parseLong(values[at]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or another format: the figure is simply not reported
        }
        return -1;
    }
}
