package io.peerdial.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code peerdial relay} option checking: every bad option exits 2 and is named (CONTRACTS.md). */
class RelayCommandTest {
    private static final String GOOD = "relay --listen 127.0.0.1:0 --relay-ip 127.0.0.1 --user test:secret --realm test.local";

    private static int run(String args, StringWriter err) {
        return PeerdialCli.run(args.split(" "), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--relay-ip example.org|--relay-ip",
            "--relay-ip 0.0.0.0|--relay-ip",
            "--min-port 0|--min-port",
            "--max-port 70000|--max-port",
            "--min-port 6000 --max-port 5000|--max-port",
            "--user nocolon|--user",
            "--user :secret|--user",
            "--user-quota 0|--user-quota",
            "--max-bps -1|--max-bps",
            "--listen nowhere|--listen"})
    void badOptionsExit2NamingTheOption(String extra, String option) {
        StringWriter err = new StringWriter();
        assertThat(run(GOOD + " " + extra, err)).isEqualTo(2);
        assertThat(err.toString()).contains(option);
    }

    @Test
    void missingRequiredOptionsAreNamed() {
        StringWriter err = new StringWriter();
        assertThat(run("relay --listen 127.0.0.1:0 --relay-ip 127.0.0.1 --user a:b", err)).isEqualTo(2);
        assertThat(err.toString()).contains("--realm");
    }

    @Test
    void helpDescribesTheRelay() {
        StringWriter out = new StringWriter();
        int code = PeerdialCli.run(new String[] {"relay", "--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("Usage: peerdial relay").contains("--allow-loopback-peers", "Exit codes:");
    }
}
