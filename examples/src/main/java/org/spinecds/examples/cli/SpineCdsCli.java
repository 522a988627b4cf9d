package org.spinecds.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.spinecds.Assessment;
import org.spinecds.AssessmentException;
import org.spinecds.InvalidPatientException;
import org.spinecds.RuleInfo;
import org.spinecds.RuleLoadException;
import org.spinecds.SpineCds;
import org.spinecds.json.AssessmentJson;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Patient;
import org.spinecds.rule.RuleKit;
import org.spinecds.rule.Threshold;
import org.spinecds.scenario.Scenarios;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code spinecds} command-line tool. Exit codes: 0 success, 1 invalid patient input, 2 usage
 * error, 3 rules failed to load (or failed on a patient), 4 an unexpected internal error.
 */
@Command(name = "spinecds", mixinStandardHelpOptions = true, versionProvider = SpineCdsCli.Version.class,
        description = "Clinical decision support for minimally invasive spine surgery. It supports a "
                + "clinician's decision; it does not make it.",
        subcommands = {SpineCdsCli.Assess.class, SpineCdsCli.Rules.class, SpineCdsCli.Check.class,
                SpineCdsCli.Test.class, SpineCdsCli.Batch.class, SpineCdsCli.Synth.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:invalid patient input", "2:usage error", "3:rules failed to load",
                "4:internal error", "5:scenarios failed (test)"})
public final class SpineCdsCli {

    static final int OK = 0;
    static final int INVALID_INPUT = 1;
    static final int USAGE = 2;
    static final int RULES = 3;
    static final int INTERNAL = 4;
    static final int SCENARIOS_FAILED = 5;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the tool with the given output streams and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SpineCdsCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidPatientException) {
                err.println("spinecds: invalid patient: " + e.getMessage());
                return INVALID_INPUT;
            }
            if (e instanceof RuleLoadException) {
                err.println("spinecds: " + e.getMessage());
                return RULES;
            }
            if (e instanceof AssessmentException) {
                err.println("spinecds: the rules failed on this patient: " + e.getMessage());
                return RULES;
            }
            if (e instanceof IOException) {
                err.println("spinecds: " + e.getMessage());
                return INVALID_INPUT;
            }
            err.println("spinecds: internal error, please report it:");
            e.printStackTrace(err);
            return INTERNAL;
        });
        return cli.execute(args);
    }

    /** The options that choose the rule base: site rule sets and threshold overrides beside the defaults. */
    static final class EngineOptions {
        @Option(names = "--rules", paramLabel = "DIR",
                description = "A DRL file or rule directory to load after the default rules (repeatable).")
        List<Path> ruleDirs = new ArrayList<>();

        @Option(names = "--thresholds", paramLabel = "FILE", description = "A threshold-override file (repeatable).")
        List<Path> thresholdFiles = new ArrayList<>();

        SpineCds engine() {
            if (ruleDirs.isEmpty() && thresholdFiles.isEmpty()) {
                return DefaultEngine.get();
            }
            SpineCds.Builder builder = SpineCds.builder().defaultRules();
            ruleDirs.forEach(builder::rules);
            thresholdFiles.forEach(builder::thresholds);
            return builder.build();
        }
    }

    @Command(name = "assess", mixinStandardHelpOptions = true,
            description = "Assess the patient in FILE (patient JSON, see the README and patient.schema.json).")
    static final class Assess implements Callable<Integer> {
        enum Format { text, json }

        @Parameters(paramLabel = "FILE", description = "The patient JSON file.")
        Path file;

        @CommandLine.Mixin
        EngineOptions engineOptions = new EngineOptions();

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text (a report for the clinician) or json. Default: ${DEFAULT-VALUE}.")
        Format format;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Patient patient = PatientJson.read(file);
            Assessment a = engineOptions.engine().assess(patient);
            PrintWriter out = spec.commandLine().getOut();
            out.print(format == Format.json ? AssessmentJson.write(a) + System.lineSeparator() : TextReport.render(a));
            out.flush();
            return OK;
        }
    }

    @Command(name = "rules", mixinStandardHelpOptions = true,
            description = "List the rules in force (code, criterion, category, severity, sources, file) and the "
                    + "thresholds; as markdown, the traceability table of docs/rules.md.")
    static final class Rules implements Callable<Integer> {
        enum Format { text, markdown }

        @CommandLine.Mixin
        EngineOptions engineOptions = new EngineOptions();

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "text or markdown. Default: ${DEFAULT-VALUE}.")
        Format format;

        @Option(names = "--scenarios", paramLabel = "DIR",
                description = "With markdown: the scenarios whose runs name, for each rule, the scenarios that make it fire.")
        Path scenarios;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SpineCds engine = engineOptions.engine();
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.markdown) {
                out.print(RuleCatalogue.markdown(engine, scenarios));
                out.flush();
                return OK;
            }
            var kb = engine.knowledgeBase();
            out.printf("Rule base %s %s: %d rules, sha256 %s%n", kb.name(), kb.version(), kb.ruleCount(), kb.sha256());
            kb.replaced().forEach(r -> out.printf("  %s replaced by %s (\"%s\", %s)%n", r.code(), r.byCode(), r.byRule(),
                    r.file()));
            kb.disabled().forEach(c -> out.printf("  %s disabled%n", c));
            out.printf("%n%-34s %-13s %-15s %-9s %-30s %s%n", "CODE", "CRITERION", "CATEGORY", "SEVERITY", "SOURCES", "FILE");
            for (RuleInfo r : engine.rules()) {
                out.printf("%-34s %-13s %-15s %-9s %-30s %s%n", r.code(), r.criterion(),
                        r.category() == null ? "(derivation)" : r.category().id(),
                        r.severity() == null ? "-" : r.severity().id(),
                        r.sources().stream().map(s -> s.id()).collect(Collectors.joining(",")), r.rule().file());
            }
            out.printf("%nThresholds%n%-26s %8s %-17s %-9s %-12s %s%n", "NAME", "VALUE", "UNIT", "CRITERION",
                    "PLAUSIBLE", "SOURCES");
            for (Threshold t : engine.thresholds()) {
                boolean site = kb.thresholdOverrides().stream().anyMatch(o -> o.name().equals(t.getName()));
                out.printf("%-26s %8s %-17s %-9s %-12s %s%s%n", t.getName(), RuleKit.plain(t.getValue()),
                        t.getUnit() == null ? "-" : t.getUnit(), t.getCriterion(),
                        RuleKit.plain(t.getMin()) + "-" + RuleKit.plain(t.getMax()), String.join(",", t.getSources()),
                        site ? "  (site override)" : "");
            }
            out.flush();
            return OK;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run every scenario file under PATH, print each failure with what was expected and what "
                    + "came, list the rules no scenario made fire, and end with the line 'N passed, N failed'.")
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "PATH", description = "A scenario file or a directory of them.")
        Path path;

        @CommandLine.Mixin
        EngineOptions engineOptions = new EngineOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!java.nio.file.Files.exists(path)) {
                spec.commandLine().getErr().println("spinecds: no such file or directory: " + path);
                spec.commandLine().getErr().flush();
                return USAGE;
            }
            SpineCds engine = engineOptions.engine();
            Scenarios.Report report = Scenarios.run(engine, path);
            PrintWriter out = spec.commandLine().getOut();
            for (Scenarios.Result r : report.results()) {
                if (!r.passed()) {
                    out.printf("FAILED %s: %s%n", r.file(), r.name());
                    r.differences().forEach(d -> out.printf("  %s%n", d));
                }
            }
            if (!report.unfiredRules().isEmpty()) {
                out.printf("Rules no scenario made fire (%d): %s%n", report.unfiredRules().size(),
                        report.unfiredRules().stream().map(RuleInfo::code).collect(Collectors.joining(", ")));
            }
            out.printf("%d passed, %d failed%n", report.passed(), report.failed());
            out.flush();
            return report.failed() == 0 ? OK : SCENARIOS_FAILED;
        }
    }

    @Command(name = "batch", mixinStandardHelpOptions = true,
            description = "Screen a population: one patient JSON per line of IN, one result per line, in input "
                    + "order. A bad line gives an error record naming its line and field. A summary goes to "
                    + "standard error, with a progress line while it runs on a terminal.")
    static final class Batch implements Callable<Integer> {
        @Parameters(paramLabel = "IN.ndjson", description = "Patients, one JSON object per line.")
        Path in;

        @Option(names = "--out", paramLabel = "OUT.ndjson", description = "Where to write (default: standard output).")
        Path out;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
        Integer threads;

        @Option(names = "--full", description = "Write the whole assessment per line instead of the compact record.")
        boolean full;

        @CommandLine.Mixin
        EngineOptions engineOptions = new EngineOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            if (n < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
            }
            if (!java.nio.file.Files.isRegularFile(in)) {
                spec.commandLine().getErr().println("spinecds: no such file: " + in);
                spec.commandLine().getErr().flush();
                return USAGE;
            }
            SpineCds engine = engineOptions.engine();
            PrintWriter err = spec.commandLine().getErr();
            Progress progress = new Progress(err, java.nio.file.Files.size(in), System.console() != null && out != null);
            try (var reader = java.nio.file.Files.newBufferedReader(in, java.nio.charset.StandardCharsets.UTF_8);
                 java.io.Writer writer = out == null ? new java.io.BufferedWriter(spec.commandLine().getOut())
                         : java.nio.file.Files.newBufferedWriter(out, java.nio.charset.StandardCharsets.UTF_8)) {
                var summary = org.spinecds.examples.batch.BatchScreening.run(engine,
                        new java.io.BufferedReader(new CountingReader(reader, progress)), writer, n, full, progress::done);
                progress.finish();
                err.print(summary);
                err.flush();
            }
            return OK;
        }
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = "Write a reproducible synthetic cohort: one patient JSON per line, every verdict "
                    + "represented, some inputs unknown, about 1% of the lines invalid.")
    static final class Synth implements Callable<Integer> {
        @Option(names = "--count", paramLabel = "N", required = true, description = "Number of lines.")
        long count;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: 1).")
        long seed;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: standard output).")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (count < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--count must not be negative");
            }
            try (java.io.Writer writer = out == null ? new java.io.BufferedWriter(spec.commandLine().getOut())
                    : java.nio.file.Files.newBufferedWriter(out, java.nio.charset.StandardCharsets.UTF_8)) {
                org.spinecds.examples.batch.SyntheticCohort.write(writer, count, seed);
            }
            return OK;
        }
    }

    /** A progress line on standard error: lines done, rate and time left (from the bytes read). */
    static final class Progress {
        private final PrintWriter err;
        private final long totalBytes;
        private final boolean show;
        private final long started = System.nanoTime();
        private volatile long bytes;
        private long lastPrint;

        Progress(PrintWriter err, long totalBytes, boolean show) {
            this.err = err;
            this.totalBytes = totalBytes;
            this.show = show;
        }

        void read(long n) {
            bytes += n;
        }

        void done(long lines) {
            long now = System.nanoTime();
            if (!show || now - lastPrint < 250_000_000L) {
                return;
            }
            lastPrint = now;
            double seconds = (now - started) / 1e9;
            double fraction = totalBytes == 0 ? 1 : Math.min(1, (double) bytes / totalBytes);
            long left = fraction <= 0 ? 0 : Math.round(seconds / fraction - seconds);
            err.printf("\r%,d patients, %,.0f/s, %3.0f%%, %d:%02d left   ", lines, lines / seconds, fraction * 100,
                    left / 60, left % 60);
            err.flush();
        }

        void finish() {
            if (show) {
                err.println();
            }
        }
    }

    /** Counts the characters read, for the progress line. */
    static final class CountingReader extends java.io.FilterReader {
        private final Progress progress;

        CountingReader(java.io.Reader in, Progress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                progress.read(n);
            }
            return n;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Compile and check the DRL files at PATH (a file or a directory) against the default "
                    + "catalogues, printing file:line:column: message for each problem.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "PATH", description = "A .drl file or a directory of them.")
        Path path;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                SpineCds engine = SpineCds.builder().defaultCatalogues().rules(path).build();
                out.printf("%s: OK, %d rules%n", path, engine.knowledgeBase().ruleCount());
                out.flush();
                return OK;
            } catch (RuleLoadException e) {
                PrintWriter err = spec.commandLine().getErr();
                e.problems().forEach(err::println);
                err.printf("%s: %d problem%s%n", path, e.problems().size(), e.problems().size() == 1 ? "" : "s");
                err.flush();
                return RULES;
            }
        }
    }

    /** The default engine, built once per process on first use; a load failure is thrown to every caller. */
    private static final class DefaultEngine {
        private static SpineCds instance;

        static synchronized SpineCds get() {
            if (instance == null) {
                instance = SpineCds.withDefaultRules();
            }
            return instance;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SpineCdsCli.class.getPackage().getImplementationVersion();
            return new String[] {"spinecds " + (v == null ? "(development build)" : v)};
        }
    }
}
