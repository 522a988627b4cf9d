package org.spinecds;

import java.util.List;
import java.util.Objects;

/**
 * Which rule base produced an assessment, and which site changes were in force.
 *
 * @param name the rule sets' names, joined with {@code +}
 * @param version the rule sets' versions, likewise joined
 * @param sha256 SHA-256, in hex, over every file of the rule base (each DRL file and catalogue, in
 *     rule-set and path order) and the threshold overrides
 * @param ruleCount the number of rules in force
 * @param generation 1 for the rule base an engine was built with, then one more at every successful
 *     reload
 * @param ruleSets every rule set, in load order: name, version and where it came from
 * @param replaced the default rules that site rules replace
 * @param disabled the codes of the rules that site rule sets disable
 * @param thresholdOverrides the thresholds whose values a site changed
 * @param prebuilt whether the rules were loaded pre-built (generated as Drools' executable model when
 *     the rule set was built, from the same DRL files) rather than compiled from the DRL at start-up;
 *     either way the rule base and its results are the same
 */
public record KnowledgeBaseInfo(String name, String version, String sha256, int ruleCount, long generation,
                                List<RuleSetInfo> ruleSets, List<Replacement> replaced, List<String> disabled,
                                List<ThresholdOverride> thresholdOverrides, boolean prebuilt) {

    /** A loaded rule set. */
    public record RuleSetInfo(String name, String version, String origin) {
    }

    /** A rule replaced by a site rule: the replaced code, and the rule (and file) that replaces it. */
    public record Replacement(String code, String byCode, String byRule, String file) {
    }

    /** A threshold set by a site: its name, the rule base's default, the value in force, its unit and file. */
    public record ThresholdOverride(String name, double defaultValue, double value, String unit, String file) {
    }

    public KnowledgeBaseInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        ruleSets = List.copyOf(ruleSets);
        replaced = List.copyOf(replaced);
        disabled = List.copyOf(disabled);
        thresholdOverrides = List.copyOf(thresholdOverrides);
    }

    /** A rule base compiled from its DRL (not pre-built). */
    public KnowledgeBaseInfo(String name, String version, String sha256, int ruleCount, long generation,
                             List<RuleSetInfo> ruleSets, List<Replacement> replaced, List<String> disabled,
                             List<ThresholdOverride> thresholdOverrides) {
        this(name, version, sha256, ruleCount, generation, ruleSets, replaced, disabled, thresholdOverrides, false);
    }

    /** The same rule base at another generation. */
    public KnowledgeBaseInfo withGeneration(long generation) {
        return new KnowledgeBaseInfo(name, version, sha256, ruleCount, generation, ruleSets, replaced, disabled,
                thresholdOverrides, prebuilt);
    }
}
