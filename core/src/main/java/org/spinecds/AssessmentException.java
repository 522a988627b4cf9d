package org.spinecds;

/**
 * An assessment could not be completed because of the rule base: a rule threw an exception or an
 * {@link Error} (a stack overflow, running out of memory), ran past the engine's time limit, fired
 * without end, or the rules left the verdict or a criterion inconsistent. It names the rule where one
 * is to blame (its name, code and file) and the kind of failure, and never the patient's data, so its
 * message may be logged and shown. The failure is contained: the engine keeps serving other
 * assessments correctly.
 */
public final class AssessmentException extends SpineCdsException {

    /** What went wrong. */
    public enum Kind {
        /** A rule's consequence or condition threw an exception. */
        EXCEPTION,
        /** A rule threw an {@link Error}: a stack overflow (a function recursing without end), out of memory... */
        ERROR,
        /** The assessment ran past the engine's time limit (a consequence that loops, or a very slow one). */
        TIME_LIMIT,
        /** The rules fired 10,000 times without coming to rest: a rule re-activates itself without end. */
        RUNAWAY,
        /** The rules came to rest but left the verdict walk or a criterion inconsistent. */
        INCONSISTENT
    }

    private final Kind kind;
    private final String rule;
    private final String ruleCode;

    private AssessmentException(Kind kind, String rule, String ruleCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.rule = rule;
        this.ruleCode = ruleCode;
    }

    /** An inconsistency the rules left, blaming {@code rule} (its name) or no single rule ({@code null}). */
    public static AssessmentException of(String rule, String format, Object... args) {
        return new AssessmentException(Kind.INCONSISTENT, rule, null, format(format, args), null);
    }

    /** A failure of the given kind, blaming {@code rule} (name) and {@code ruleCode} where known. */
    public static AssessmentException of(Kind kind, String rule, String ruleCode, Throwable cause, String format,
                                         Object... args) {
        return new AssessmentException(kind, rule, ruleCode, format(format, args), cause);
    }

    private static String format(String format, Object... args) {
        return String.format(java.util.Locale.ROOT, format, args);
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The name of the rule to blame, or {@code null} when no single rule is (or it is not known). */
    public String rule() {
        return rule;
    }

    /** The {@code @code} of the rule to blame, or {@code null} when it is not known. */
    public String ruleCode() {
        return ruleCode;
    }
}
