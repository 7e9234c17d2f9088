package io.peerdial.node.cli;

/** Exit codes (CONTRACTS.md) and the lines every command's help footer lists them with. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;
    /** {@code phone --call}: the callee refused (486, 487, 600, 603, other 4xx-6xx). */
    static final int REJECTED = 4;
    /** {@code phone --call}: no answer in time (408, or --answer-timeout). */
    static final int TIMEOUT = 5;

    static final String HEADING = "%nExit codes:%n";
    static final String L_OK = "0:success";
    static final String L_FAILURE = "1:runtime failure (one-line message on stderr)";
    static final String L_USAGE = "2:usage error (names the bad option and what is valid)";
    static final String L_NOT_FOUND = "3:not found";
    static final String L_REJECTED = "4:call rejected";
    static final String L_TIMEOUT = "5:call not answered in time";

    private ExitCodes() {}
}
