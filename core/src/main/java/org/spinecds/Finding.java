package org.spinecds;

import java.util.List;
import java.util.Objects;

/**
 * One explained finding of an assessment.
 *
 * @param code the stable code of the rule that found it, e.g. {@code RISK-SMOKER}
 * @param criterion the catalogue criterion it implements, e.g. {@code RISK-1}
 * @param category what it is about
 * @param severity how urgently it needs attention
 * @param summary one line, under 140 characters
 * @param detail the explanation, stating the patient's actual values
 * @param evidence the typed inputs, operators and thresholds behind it
 * @param sources the documents it rests on
 * @param rule the rule and DRL file that produced it
 * @param action what to do about it, or {@code null} where nothing applies
 */
public record Finding(String code, String criterion, Category category, Severity severity, String summary,
                      String detail, List<Evidence> evidence, List<Source> sources, RuleRef rule,
                      String action) {

    /** The longest allowed summary, in characters. */
    public static final int MAX_SUMMARY_LENGTH = 139;

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(detail, "detail");
        evidence = List.copyOf(evidence);
        sources = List.copyOf(sources);
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * Names the code, criterion and severity and counts the evidence: never the summary, detail,
     * action or evidence, which state the patient's values.
     */
    @Override
    public String toString() {
        return "Finding[" + code + " " + criterion + " " + severity + ", " + evidence.size() + " evidence]";
    }
}
