package io.peerdial.node.cli;

/** Exit codes (CONTRACTS.md) and the lines every command's help footer lists them with. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;

    static final String HEADING = "%nExit codes:%n";
    static final String L_OK = "0:success";
    static final String L_FAILURE = "1:runtime failure (one-line message on stderr)";
    static final String L_USAGE = "2:usage error (names the bad option and what is valid)";
    static final String L_NOT_FOUND = "3:not found";

    private ExitCodes() {}
}
