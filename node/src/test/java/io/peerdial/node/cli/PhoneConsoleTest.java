package io.peerdial.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PhoneConsoleTest {

    private static ByteArrayInputStream input(String typed) {
        return new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainConsoleReadsLinesUntilEndOfInputAndPrintsToTheWriter() {
        StringWriter text = new StringWriter();
        try (PhoneConsole console = new PhoneConsole.Plain(input("call sip:bob@example.org\nquit\n"), new PrintWriter(text))) {
            assertThat(console.readLine()).isEqualTo("call sip:bob@example.org");
            console.println("call 1 placed");
            assertThat(console.readLine()).isEqualTo("quit");
            assertThat(console.readLine()).isNull();
        }
        assertThat(text.toString()).isEqualTo("call 1 placed" + System.lineSeparator());
    }

    @Test
    void lineEditorAppliesEditingKeysAndCompletesCommandWords() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        // "hangpu", two backspaces (DEL), "up": the editor hands over the corrected line;
        // "sta" + Tab completes to the only command starting so ("status");
        // Ctrl-P recalls the previous line from the history.
        String typed = "hangpu\u007f\u007fup\r" + "sta\t\r" + "\u0010\r";
        try (PhoneConsole console = PhoneConsole.editing(input(typed), screen)) {
            assertThat(console.readLine()).isEqualTo("hangup");
            assertThat(console.readLine()).as("completion ends the word with a space").isEqualTo("status ");
            assertThat(console.readLine()).isEqualTo("status");
            assertThat(console.readLine()).as("end of input").isNull();
            console.println("event: call 1 ESTABLISHED");
        }
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("phone> ", "event: call 1 ESTABLISHED");
    }

    @Test
    void everyCommandThePhoneUnderstandsCanBeCompleted() {
        assertThat(PhoneConsole.COMMANDS).contains("call", "answer", "reject", "hangup", "hold", "resume", "dtmf", "calls",
                "status", "quit");
    }
}
