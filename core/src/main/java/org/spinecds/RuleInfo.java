package org.spinecds;

import java.util.List;

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
 */
public record RuleInfo(String code, String criterion, Category category, Severity severity,
                       List<Source> sources, RuleRef rule, List<String> thresholds) {
    public RuleInfo {
        sources = List.copyOf(sources);
        thresholds = List.copyOf(thresholds);
    }
}
