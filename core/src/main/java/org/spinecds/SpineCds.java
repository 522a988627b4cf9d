package org.spinecds;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 * <p>Building an engine compiles the DRL rules, which takes a second or two: build it once and keep
 * it. Each {@link #assess} runs in a rule session of its own that never leaves the call, so nothing
 * of one assessment reaches another.
 */
public final class SpineCds {

    /** Where the default rule set of {@code spinecds-rules} lives on the classpath. */
    public static final String DEFAULT_RULES = "org/spinecds/rules";

    private final LoadedRules rules;
    private final Assessor assessor;

    private SpineCds(LoadedRules rules, Clock clock) {
        this.rules = rules;
        this.assessor = new Assessor(rules, clock);
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
     * Assesses one patient.
     *
     * @throws NullPointerException if patient is null
     * @throws AssessmentException if the rules fail on this patient (a rule-base defect)
     */
    public Assessment assess(Patient patient) {
        Objects.requireNonNull(patient, "patient");
        return assessor.assess(patient);
    }

    /** Name, version, SHA-256 and size of the loaded rule base. */
    public KnowledgeBaseInfo knowledgeBase() {
        return rules.info();
    }

    /** Every loaded rule with its metadata, ordered by code. */
    public List<RuleInfo> rules() {
        return rules.rules();
    }

    /** The thresholds in force, in catalogue order. */
    public List<Threshold> thresholds() {
        return rules.thresholds();
    }

    /** Builds a {@link SpineCds} from rule sets. */
    public static final class Builder {
        private final List<Path> paths = new ArrayList<>();
        private boolean defaultRules;
        private boolean defaultCatalogues;
        private Clock clock = Clock.systemUTC();

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
         * manifest ({@code ruleset.json}) at its top.
         */
        public Builder rules(Path fileOrDirectory) {
            paths.add(Objects.requireNonNull(fileOrDirectory, "fileOrDirectory"));
            return this;
        }

        /** The clock that stamps assessments; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Compiles and checks the rules.
         *
         * @throws IllegalArgumentException if no rules were added
         * @throws RuleLoadException listing every problem: compile errors with file, line and column,
         *     rules with missing or wrong metadata, duplicate codes, unknown sources or thresholds
         */
        public SpineCds build() {
            List<RuleSetSource> sets = new ArrayList<>();
            if (defaultRules || defaultCatalogues) {
                RuleSetSource defaults = RuleSetSource.fromClasspath(SpineCds.class.getClassLoader(), DEFAULT_RULES);
                sets.add(defaultRules ? defaults : defaults.cataloguesOnly());
            }
            for (Path p : paths) {
                sets.add(RuleSetSource.fromPath(p));
            }
            if (!defaultRules && paths.isEmpty()) {
                throw new IllegalArgumentException("no rules: call defaultRules() or rules(path)");
            }
            return new SpineCds(KnowledgeBaseLoader.load(sets), clock);
        }
    }
}
