package org.spinecds.examples.cli;

import static org.spinecds.batch.ExitCodes.INTERNAL;
import static org.spinecds.batch.ExitCodes.INVALID_INPUT;
import static org.spinecds.batch.ExitCodes.RULES;
import static org.spinecds.batch.ExitCodes.USAGE;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import org.spinecds.AssessmentException;
import org.spinecds.InvalidPatientException;
import org.spinecds.RuleLoadException;
import org.spinecds.SpineCds;
import org.spinecds.fhir.CodeListException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code spinecds} command-line tool; each subcommand is a class of this package
 * ({@link AssessCommand}, {@link RulesCommand}, {@link CheckCommand}, {@link TestCommand},
 * {@link BatchCommand}, {@link SynthCommand}, {@link ServeCommand}). Exit codes: 0 success, 1 invalid patient input,
 * 2 usage error, 3 rules failed to load (or failed on a patient), 4 an unexpected internal error,
 * 5 scenarios failed, 6 a file could not be read or written (the message names the path).
 */
@Command(name = "spinecds", mixinStandardHelpOptions = true, versionProvider = SpineCdsCli.Version.class,
        description = "Clinical decision support for minimally invasive spine surgery. It supports a "
                + "clinician's decision; it does not make it.",
        subcommands = {AssessCommand.class, RulesCommand.class, CheckCommand.class, TestCommand.class,
                BatchCommand.class, SynthCommand.class, ServeCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:invalid patient input", "2:usage error", "3:rules failed to load or on a patient",
                "4:internal error", "5:scenarios failed (test)", "6:a file could not be read or written"})
public final class SpineCdsCli {

    // 0 to 4 are those of ExitCodes, the same as the Spark job's; these two are the command's own
    static final int SCENARIOS_FAILED = 5;
    static final int IO = 6;

    /** A failure the tool expects: its message goes to standard error after the introduction, with the exit code. */
    private record ExpectedFailure(Class<? extends Exception> type, String introduction, int exitCode) {
    }

    /** The expected failures, the first that matches an exception wins; any other is an internal error. */
    private static final List<ExpectedFailure> EXPECTED_FAILURES = List.of(
            new ExpectedFailure(InvalidPatientException.class, "invalid patient: ", INVALID_INPUT),
            new ExpectedFailure(CodeListException.class, "FHIR code list: ", USAGE),
            new ExpectedFailure(RuleLoadException.class, "", RULES),
            new ExpectedFailure(AssessmentException.class, "the rules failed on this patient: ", RULES),
            new ExpectedFailure(IOException.class, "", IO));

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the tool with the given output streams and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SpineCdsCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            for (ExpectedFailure f : EXPECTED_FAILURES) {
                if (f.type().isInstance(e)) {
                    err.println("spinecds: " + f.introduction()
                            + (e instanceof IOException io ? ioMessage(io) : e.getMessage()));
                    return f.exitCode();
                }
            }
            err.println("spinecds: internal error, please report it:");
            e.printStackTrace(err);
            return INTERNAL;
        });
        try {
            return cli.execute(args);
        } catch (VirtualMachineError e) {
            // e.g. out of memory outside the rules (those are contained per assessment): not exit 1, which
            // means invalid input; nothing more is attempted with the memory gone
            err.println("spinecds: internal error: " + e.getClass().getSimpleName());
            err.flush();
            return INTERNAL;
        }
    }

    /** What went wrong with a file, naming its path (an I/O exception's message is often the bare path). */
    static String ioMessage(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? e.getClass().getSimpleName() : f.getReason());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static SpineCds defaultEngine;

    /** The default engine, built once per process on first use; a load failure is thrown to every caller. */
    static synchronized SpineCds defaultEngine() {
        if (defaultEngine == null) {
            defaultEngine = SpineCds.withDefaultRules();
        }
        return defaultEngine;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SpineCdsCli.class.getPackage().getImplementationVersion();
            return new String[] {"spinecds " + (v == null ? "(development build)" : v)};
        }
    }
}
