package org.spinecds;

import java.util.List;
import java.util.Objects;

/**
 * A rule of the loaded rule base, as its metadata declares it.
 *
 * @param code the stable code ({@code @code})
 * @param criterion the criterion it implements ({@code @criterion})
 * @param category what its findings are about ({@code @category}), or {@code null} for a derivation rule
 *     (a classification or a verdict proposal), which records no finding
 * @param severity the severity of its findings ({@code @severity}), or {@code null} likewise
 * @param sources the documents it cites ({@code @source}), resolved
 * @param rule its name and DRL file
 * @param thresholds the names of the thresholds it uses
 * @param ruleSet where its rule set came from, as {@link KnowledgeBaseInfo.RuleSetInfo#origin()} gives it
 *     ({@code classpath:org/spinecds/rules} for the default rules, else the file or directory given to
 *     {@link SpineCds.Builder#rules}): so that a site can tell its own rules from the defaults
 */
public record RuleInfo(String code, String criterion, Category category, Severity severity,
                       List<Source> sources, RuleRef rule, List<String> thresholds, String ruleSet) {
    public RuleInfo {
        sources = List.copyOf(sources);
        thresholds = List.copyOf(thresholds);
        Objects.requireNonNull(ruleSet, "ruleSet");
    }
}
