package org.spinecds;

import java.util.Objects;

/**
 * One typed fact behind a finding: the patient's {@code value} of an {@code input}, compared by an
 * {@code operator} with a {@code threshold}.
 *
 * <p>Values and thresholds are JSON-like: a Boolean, a Number, a String (an enum constant's name),
 * or a list of Strings (a set-valued input). {@code thresholdName} names the rule base's threshold
 * when the comparison uses one, so that a clinician can look it up.
 *
 * @param input the input's JSON name, e.g. {@code bmi}
 * @param value the patient's value
 * @param unit the unit of value and threshold, or {@code null}
 * @param operator one of {@code ==, !=, <, <=, >, >=, contains, not-contains}
 * @param threshold what the value was compared with
 * @param thresholdName the named threshold of the rule base, or {@code null} for a fixed value
 */
public record Evidence(String input, Object value, String unit, String operator, Object threshold,
                       String thresholdName) {

    public Evidence {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(operator, "operator");
    }

    /**
     * Names the input, the operator and the threshold's name only: never the patient's value (nor the
     * value compared with, which a rule may take from another input).
     */
    @Override
    public String toString() {
        return "Evidence[" + input + " " + operator + " " + (thresholdName == null ? "(a fixed value)" : thresholdName)
                + "]";
    }
}
