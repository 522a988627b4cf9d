package org.spinecds;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.spinecds.internal.Assessor;
import org.spinecds.internal.KnowledgeBaseLoader;
import org.spinecds.internal.LoadedRules;
import org.spinecds.internal.RuleSetSource;
import org.spinecds.patient.Patient;
import org.spinecds.rule.Threshold;

/**
 * The SpineCDS engine: one compiled rule base that assesses patients from any number of threads.
 *
 * <pre>{@code
 * SpineCds engine = SpineCds.withDefaultRules();
 * Assessment a = engine.assess(patient);
 * }</pre>
 *
 * <p>Building an engine with the default rules loads them pre-built (generated from their DRL when
 * {@code spinecds-rules} was built, and checked against the DRL's SHA-256); with site rule sets it
 * compiles all the DRL, which takes a few seconds. Either way, build it once and keep it. Each
 * {@link #assess} runs in a rule session of its own that never leaves the call, so nothing of one
 * assessment reaches another.
 *
 * <p><b>Failures are contained.</b> The session runs on a worker thread of the engine while the
 * calling thread waits for it, up to the {@linkplain Builder#assessmentTimeLimit time limit}. A rule
 * that throws (an exception or any {@link Error}: a function that recurses without end, an allocation
 * beyond the heap), that re-activates itself without end or that runs past the limit fails that one
 * assessment with an {@link AssessmentException} naming the rule and the kind of failure, and the
 * engine goes on serving other assessments. A consequence still running past the limit is halted and
 * interrupted, and its worker thread is stopped a quarter of a second later, so that it holds neither
 * a thread nor a core for good.
 */
public final class SpineCds {

    /** Where the default rule set of {@code spinecds-rules} lives on the classpath. */
    public static final String DEFAULT_RULES = "org/spinecds/rules";

    /** The default {@linkplain Builder#assessmentTimeLimit time limit} of one assessment. */
    public static final Duration DEFAULT_ASSESSMENT_TIME_LIMIT = Duration.ofSeconds(10);
    /** The longest time limit the builder accepts. */
    public static final Duration MAX_ASSESSMENT_TIME_LIMIT = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(SpineCds.class);

    private final Builder config;
    private final AtomicReference<Assessor> current;

    private SpineCds(Builder config, LoadedRules rules) {
        this.config = config;
        this.current = new AtomicReference<>(new Assessor(rules, config.clock, config.timeLimit));
    }

    /**
     * An engine with the default rule base of {@code spinecds-rules}.
     *
     * @throws RuleLoadException if the default rules are not on the classpath or do not load
     */
    public static SpineCds withDefaultRules() {
        return builder().defaultRules().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Assesses one patient, on the rule base in force when the call starts (a reload during the call
     * does not affect it).
     *
     * @throws NullPointerException if patient is null
     * @throws AssessmentException if the rules fail on this patient (a rule-base defect): a rule threw,
     *     fired without end or did not finish within the {@linkplain #assessmentTimeLimit() time limit}
     */
    public Assessment assess(Patient patient) {
        Objects.requireNonNull(patient, "patient");
        return current.get().assess(patient);
    }

    /** An assessment with the codes of every rule that fired for it, derivation rules included. */
    public record Trace(Assessment assessment, java.util.Set<String> firedRules) {
        public Trace {
            firedRules = java.util.Set.copyOf(firedRules);
        }
    }

    /**
     * Assesses a patient and records which rules fired: for rule authors' coverage reports and for
     * debugging. Slower than {@link #assess}.
     */
    public Trace trace(Patient patient) {
        Objects.requireNonNull(patient, "patient");
        java.util.Set<String> fired = new java.util.TreeSet<>();
        Assessment a = current.get().assess(patient, fired);
        return new Trace(a, fired);
    }

    /**
     * Reads and compiles the engine's rule sets and threshold files again, and, if they load,
     * replaces the rule base in one atomic step; assessments already running finish on the old one.
     * If they do not load, the rule base in force keeps serving and the problems are thrown.
     *
     * @return the new rule base's description, with the next generation number
     * @throws RuleLoadException listing every problem; nothing changes
     */
    public synchronized KnowledgeBaseInfo reload() {
        long next = current.get().rules().info().generation() + 1;
        LoadedRules fresh;
        try {
            fresh = config.load().withGeneration(next);
        } catch (RuleLoadException e) {
            LOG.warn("Reload refused, generation {} keeps serving: {} problem(s)", next - 1, e.problems().size());
            throw e;
        }
        current.set(new Assessor(fresh, config.clock, config.timeLimit));
        LOG.info("Reloaded rules: generation {}, sha256 {}", next, fresh.info().sha256());
        return fresh.info();
    }

    /** The longest one assessment may take (kept across {@link #reload()}). */
    public Duration assessmentTimeLimit() {
        return config.timeLimit;
    }

    /** Name, version, SHA-256, size, generation and site changes of the rule base in force. */
    public KnowledgeBaseInfo knowledgeBase() {
        return current.get().rules().info();
    }

    /** Every rule in force with its metadata, ordered by code. */
    public List<RuleInfo> rules() {
        return current.get().rules().rules();
    }

    /** The thresholds in force, in catalogue order, with any site overrides applied. */
    public List<Threshold> thresholds() {
        return current.get().rules().thresholds();
    }

    /** Builds a {@link SpineCds} from rule sets and threshold files. */
    public static final class Builder {
        private final List<Path> paths = new ArrayList<>();
        private final List<Path> thresholdFiles = new ArrayList<>();
        private boolean defaultRules;
        private boolean defaultCatalogues;
        private String pinnedSha256;
        private Clock clock = Clock.systemUTC();
        private Duration timeLimit = DEFAULT_ASSESSMENT_TIME_LIMIT;

        private Builder() {
        }

        /** Adds the default rule set of {@code spinecds-rules}: its DRL files and catalogues. */
        public Builder defaultRules() {
            this.defaultRules = true;
            return this;
        }

        /**
         * Adds only the catalogues of the default rule set (criteria, sources, thresholds), so that
         * rules of one's own can cite them without the default rules being loaded.
         */
        public Builder defaultCatalogues() {
            this.defaultCatalogues = true;
            return this;
        }

        /**
         * Adds rules from a DRL file, or from a directory: every {@code .drl} file below it, and the
         * catalogues ({@code sources.json}, {@code criteria.json}, {@code thresholds.json}) and
         * manifest ({@code ruleset.json}) at its top. Rule sets load in the order they are added,
         * after the default rules; a later one can replace a rule of an earlier one
         * ({@code @replaces("CODE")}) or disable it (the manifest's {@code "disable": ["CODE"]}).
         */
        public Builder rules(Path fileOrDirectory) {
            paths.add(Objects.requireNonNull(fileOrDirectory, "fileOrDirectory"));
            return this;
        }

        /**
         * Adds a threshold-override file: {@code {"name": "...", "thresholds": {"obesityBmi":
         * {"value": 35, "unit": "kg/m2"}}}}. Each override must name a threshold of the rule base, give
         * its unit and stay within its plausible range.
         */
        public Builder thresholds(Path file) {
            thresholdFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Pins the rule base: loading (and every reload) refuses rule files and threshold files whose
         * SHA-256 (as {@link KnowledgeBaseInfo#sha256()} gives it) is not this one, before compiling them.
         */
        public Builder requireSha256(String sha256Hex) {
            if (sha256Hex == null || !sha256Hex.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("requireSha256: expected 64 hex digits, got " + sha256Hex);
            }
            this.pinnedSha256 = sha256Hex;
            return this;
        }

        /** The clock that stamps assessments; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The longest one assessment may take, 10 seconds by default: far beyond what a
         * healthy one needs (well under a millisecond once the JVM is warm; the first in a JVM, a few
         * hundred milliseconds). An assessment still running then fails with an
         * {@link AssessmentException} of kind {@link AssessmentException.Kind#TIME_LIMIT} naming the
         * rule whose consequence runs, and its session is halted and its thread stopped.
         *
         * @throws IllegalArgumentException unless it is from 1 ms to {@link #MAX_ASSESSMENT_TIME_LIMIT}
         */
        public Builder assessmentTimeLimit(Duration limit) {
            Objects.requireNonNull(limit, "limit");
            if (limit.compareTo(Duration.ofMillis(1)) < 0 || limit.compareTo(MAX_ASSESSMENT_TIME_LIMIT) > 0) {
                throw new IllegalArgumentException("assessment time limit: must be from 1 ms to "
                        + MAX_ASSESSMENT_TIME_LIMIT.toMinutes() + " minutes, got " + limit.toMillis() + " ms");
            }
            this.timeLimit = limit;
            return this;
        }

        /**
         * Compiles and checks the rules.
         *
         * @throws IllegalArgumentException if no rules were added
         * @throws RuleLoadException listing every problem: compile errors with file, line and column,
         *     rules with missing or wrong metadata, duplicate codes, unknown sources or thresholds,
         *     conflicting replacements, invalid threshold overrides
         */
        public SpineCds build() {
            if (!defaultRules && paths.isEmpty()) {
                throw new IllegalArgumentException("no rules: call defaultRules() or rules(path)");
            }
            Builder copy = new Builder();
            copy.paths.addAll(paths);
            copy.thresholdFiles.addAll(thresholdFiles);
            copy.defaultRules = defaultRules;
            copy.defaultCatalogues = defaultCatalogues;
            copy.pinnedSha256 = pinnedSha256;
            copy.clock = clock;
            copy.timeLimit = timeLimit;
            return new SpineCds(copy, copy.load());
        }

        private LoadedRules load() {
            List<RuleSetSource> sets = new ArrayList<>();
            if (defaultRules || defaultCatalogues) {
                RuleSetSource defaults = RuleSetSource.fromClasspath(SpineCds.class.getClassLoader(), DEFAULT_RULES);
                sets.add(defaultRules ? defaults : defaults.cataloguesOnly());
            }
            for (Path p : paths) {
                sets.add(RuleSetSource.fromPath(p));
            }
            List<KnowledgeBaseLoader.ThresholdFile> files = new ArrayList<>();
            for (Path f : thresholdFiles) {
                try {
                    files.add(new KnowledgeBaseLoader.ThresholdFile(f.toString(), RuleSetSource.read(f, f.toString())));
                } catch (IOException e) {
                    throw RuleLoadException.of(f.toString(), "cannot be read: %s", e.getMessage());
                }
            }
            return KnowledgeBaseLoader.load(sets, files, pinnedSha256);
        }
    }
}
