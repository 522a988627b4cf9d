package org.spinecds;

/**
 * An assessment could not be completed because of the rule base (a consequence failed, or the
 * rules left the verdict or a criterion inconsistent). It names the rule where one is to blame, and
 * never the patient's data. The engine keeps serving other assessments.
 */
public final class AssessmentException extends SpineCdsException {

    private final String rule;

    private AssessmentException(String rule, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    public static AssessmentException of(String rule, String format, Object... args) {
        return new AssessmentException(rule, String.format(java.util.Locale.ROOT, format, args), null);
    }

    public static AssessmentException ofCause(String rule, Throwable cause, String format, Object... args) {
        return new AssessmentException(rule, String.format(java.util.Locale.ROOT, format, args), cause);
    }

    /** The rule to blame, or {@code null} when no single rule is. */
    public String rule() {
        return rule;
    }
}
