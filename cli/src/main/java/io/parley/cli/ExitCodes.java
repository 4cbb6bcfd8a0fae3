package io.parley.cli;

/** The exit codes of {@code parley send} (documented in the README; scripts branch on them). */
final class ExitCodes {
    static final int DELIVERED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int DECLINED = 3;
    static final int UNREACHABLE = 4;
    static final int TIMED_OUT = 5;
    static final int AUTHENTICATION = 6;

    private ExitCodes() {}
}
