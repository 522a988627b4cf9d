package org.spinecds.batch;

/**
 * The exit codes of the screening tools, the {@code spinecds} command and the Spark job, which promise the
 * same ones so that a script reads either alike. The command adds codes of its own after these.
 */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;
    /** The input is not valid patients (the message names what is wrong). */
    public static final int INVALID_INPUT = 1;
    /** A usage error: an unknown option, or a value missing or wrong. */
    public static final int USAGE = 2;
    /** The rules failed to load (or, in the command, failed on a patient). */
    public static final int RULES = 3;
    /** An unexpected internal error, a bug to report. */
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }
}
