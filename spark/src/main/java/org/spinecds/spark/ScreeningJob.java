package org.spinecds.spark;

import static org.spinecds.batch.ExitCodes.INTERNAL;
import static org.spinecds.batch.ExitCodes.INVALID_INPUT;
import static org.spinecds.batch.ExitCodes.OK;
import static org.spinecds.batch.ExitCodes.RULES;
import static org.spinecds.batch.ExitCodes.USAGE;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.spinecds.InvalidPatientException;
import org.spinecds.RuleLoadException;
import org.spinecds.Verdict;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The screening job, for {@code spark-submit} or a plain {@code java} command in local mode:
 *
 * <pre>
 * ScreeningJob --in PATH [--input-format ndjson|parquet] --out DIR [--format parquet|json] [--overwrite]
 *              [--rules DIR]... [--thresholds FILE]... [--master URL] [--ui]
 * </pre>
 *
 * <p>In local mode (a {@code local} master) the driver binds to the loopback address and starts no web UI
 * unless {@code --ui} asks for one, so that a job run on a workstation opens no port to the network;
 * settings given to Spark itself ({@code spark.driver.bindAddress}, {@code spark.driver.host},
 * {@code spark.ui.enabled} as system properties, {@code SPARK_LOCAL_IP}) take precedence.
 *
 * It writes the result table ({@link SparkScreening}) to {@code --out}, then prints the number of records
 * by verdict (every verdict, in verdict order) and of errors by field (never a patient's identifier or
 * values). Exit codes as the {@code spinecds} tool's ({@link org.spinecds.batch.ExitCodes}): 0 done, 1 the
 * input cannot be read as patients, 2 usage error (or the output exists), 3 the rules failed to load,
 * 4 internal error.
 */
public final class ScreeningJob {

    /** The parsed command line. */
    record Options(String in, String inputFormat, String out, String format, boolean overwrite, List<Path> rules,
                   List<Path> thresholds, String master, boolean ui) {
    }

    /** The loopback address the driver binds to in local mode. */
    static final String LOOPBACK = "127.0.0.1";

    private ScreeningJob() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out, System.err);
        } catch (RuntimeException | Error e) {
            System.err.println("spinecds-spark: internal error (a bug, please report it):");
            e.printStackTrace();
            status = INTERNAL;
        }
        if (status != OK) {
            System.exit(status);
        }
    }

    /** Runs the job with these arguments in a session of its own; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /**
     * Runs the job with these arguments; returns the exit code.
     *
     * @param session the session to run in, left open; {@code null} for one of the job's own, stopped at the end
     */
    static int run(String[] args, PrintStream out, PrintStream err, SparkSession session) {
        Options o;
        try {
            o = parse(args);
        } catch (ParameterException e) {
            err.println("spinecds-spark: " + e.getMessage());
            err.println(usage());
            return USAGE;
        }
        if (o == null) {
            out.println(usage());
            return OK;
        }
        RuleSources rules;
        try {
            rules = RuleSources.of(o.rules(), o.thresholds());
        } catch (RuleLoadException e) {
            return rulesFailed(e, err);
        } catch (IllegalArgumentException e) {
            err.println("spinecds-spark: " + e.getMessage());
            return RULES;
        }
        if (session == null && o.master() == null && System.getProperty("spark.master") == null) {
            err.println("spinecds-spark: no Spark master: give --master (e.g. --master 'local[2]') or run the job "
                    + "with spark-submit");
            return USAGE;
        }
        SparkSession spark = session;
        if (spark == null) {
            SparkSession.Builder builder = SparkSession.builder().appName("spinecds-screening");
            if (o.master() != null) {
                builder.master(o.master());
            }
            String master = o.master() != null ? o.master() : System.getProperty("spark.master");
            localSettings(master, o.ui(), System.getProperties(), System.getenv()).forEach(builder::config);
            spark = builder.getOrCreate();
        }
        try {
            if (!o.overwrite() && exists(spark, o.out())) {
                err.println("spinecds-spark: " + o.out() + " exists; choose another --out or give --overwrite");
                return USAGE;
            }
            long started = System.nanoTime();
            Dataset<Row> results = o.inputFormat().equals("parquet")
                    ? SparkScreening.screenParquet(spark, o.in(), rules)
                    : SparkScreening.screenNdjson(spark, o.in(), rules);
            results.write().mode(o.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists).format(o.format())
                    .save(o.out());
            double seconds = (System.nanoTime() - started) / 1e9;
            summary(spark.read().schema(SparkScreening.resultSchema()).format(o.format()).load(o.out()), seconds, out);
            return OK;
        } catch (RuleLoadException e) {
            return rulesFailed(e, err);
        } catch (InvalidPatientException | IllegalArgumentException e) {
            err.println("spinecds-spark: " + e.getMessage());
            return INVALID_INPUT;
        } catch (Exception e) {
            // an executor's rule base failing to load or differing from the driver's, wrapped by Spark
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof RuleLoadException failed) {
                    return rulesFailed(failed, err);
                }
            }
            // thrown undeclared from Scala: a missing or unreadable input path
            if (e instanceof org.apache.spark.sql.AnalysisException
                    || e instanceof org.apache.hadoop.mapreduce.lib.input.InvalidInputException) {
                err.println("spinecds-spark: cannot read the input: " + e.getMessage());
                return INVALID_INPUT;
            }
            throw e;
        } finally {
            if (session == null) {
                spark.stop();
            }
        }
    }

    /**
     * The settings the job adds to a session of its own: in local mode, the driver on the loopback address
     * and the web UI off unless {@code ui}, each only where Spark was not told otherwise.
     */
    static Map<String, String> localSettings(String master, boolean ui, java.util.Properties system,
                                             Map<String, String> environment) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        if (master == null || !master.startsWith("local")) {
            return settings;
        }
        if (environment.get("SPARK_LOCAL_IP") == null) {
            for (String key : List.of("spark.driver.bindAddress", "spark.driver.host")) {
                if (system.getProperty(key) == null) {
                    settings.put(key, LOOPBACK);
                }
            }
        }
        if (ui || system.getProperty("spark.ui.enabled") == null) {
            settings.put("spark.ui.enabled", Boolean.toString(ui));
        }
        return settings;
    }

    private static int rulesFailed(RuleLoadException e, PrintStream err) {
        err.println("spinecds-spark: the rules failed to load: " + e.getMessage());
        return RULES;
    }

    private static boolean exists(SparkSession spark, String path) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        try {
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot check whether " + path + " exists", e);
        }
    }

    /** Counts by verdict and errors by field: aggregates only. */
    private static void summary(Dataset<Row> written, double seconds, PrintStream out) {
        List<Row> byVerdict = written.where(functions.col("error").isNull()).groupBy("verdict").count()
                .collectAsList();
        List<Row> byField = written.where(functions.col("error").isNotNull()).groupBy("error.field").count()
                .orderBy("field").collectAsList();
        long assessed = byVerdict.stream().mapToLong(r -> r.getLong(1)).sum();
        long errors = byField.stream().mapToLong(r -> r.getLong(1)).sum();
        long records = assessed + errors;
        out.printf(Locale.ROOT, "%,d records in %.1f s (%,.0f per second): %,d assessed, %,d errors%n", records,
                seconds, records / Math.max(seconds, 1e-9), assessed, errors);
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        byVerdict.forEach(r -> counts.put(Verdict.valueOf(r.getString(0)), r.getLong(1)));
        for (Verdict v : Verdict.values()) { // every verdict, in verdict order, INSUFFICIENT_INFORMATION last
            out.printf(Locale.ROOT, "  %-30s %,10d%n", v, counts.getOrDefault(v, 0L));
        }
        if (!byField.isEmpty()) {
            out.println("  errors by field:");
            byField.forEach(r -> out.printf(Locale.ROOT, "    %-28s %,10d%n", r.getString(0), r.getLong(1)));
        }
    }

    /** The data source names Spark reads patients with (lower case, as Spark names them). */
    enum InputFormat { ndjson, parquet }

    /** The data source names Spark writes the result table with. */
    enum OutputFormat { parquet, json }

    /** The command line as picocli reads it: a bad option or value is a {@link ParameterException} naming it. */
    @Command(name = "ScreeningJob", sortOptions = false, usageHelpWidth = 110,
            description = "Screens a table of patients with the SpineCDS rules into a table of results.")
    static final class Arguments {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;

        @Option(names = "--in", required = true, paramLabel = "PATH", description = "patients: NDJSON (the "
                + "patient JSON format, one per line) or Parquet (the same fields as columns); a file, a "
                + "directory or a glob")
        String in;

        @Option(names = "--input-format", paramLabel = "ndjson|parquet", description = "ndjson (default) or "
                + "parquet (the default for a path ending in .parquet)")
        InputFormat inputFormat;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the result table's "
                + "directory; it must not exist unless --overwrite")
        String out;

        @Option(names = "--format", paramLabel = "parquet|json", defaultValue = "parquet", description = "the "
                + "result table's format: parquet (default) or json (one object per line)")
        OutputFormat format;

        @Option(names = "--overwrite", description = "replace the result table if it exists")
        boolean overwrite;

        @Option(names = "--rules", paramLabel = "DIR", description = "a site rule set (DRL file or directory) "
                + "loaded after the default rules; repeatable")
        List<Path> rules = new ArrayList<>();

        @Option(names = "--thresholds", paramLabel = "FILE", description = "a site threshold-override file; "
                + "repeatable")
        List<Path> thresholds = new ArrayList<>();

        @Option(names = "--master", paramLabel = "URL", description = "the Spark master, e.g. local[2]; "
                + "spark-submit sets it otherwise")
        String master;

        @Option(names = "--ui", description = "in local mode, start Spark's web UI (off by default; the driver "
                + "binds to 127.0.0.1 in local mode, the UI to every interface unless SPARK_LOCAL_IP says otherwise)")
        boolean ui;
    }

    /**
     * The options, or {@code null} when help was asked for.
     *
     * @throws ParameterException naming the option that is unknown, lacks its value or has a bad one, or the
     *     required options missing
     */
    static Options parse(String[] args) {
        Arguments a = new Arguments();
        CommandLine cli = new CommandLine(a);
        cli.parseArgs(args);
        if (cli.isUsageHelpRequested()) {
            return null;
        }
        String inputFormat = a.inputFormat != null ? a.inputFormat.name()
                : a.in.toLowerCase(Locale.ROOT).endsWith(".parquet") ? "parquet" : "ndjson";
        return new Options(a.in, inputFormat, a.out, a.format.name(), a.overwrite, List.copyOf(a.rules),
                List.copyOf(a.thresholds), a.master, a.ui);
    }

    static String usage() {
        return new CommandLine(new Arguments()).getUsageMessage().stripTrailing();
    }
}
