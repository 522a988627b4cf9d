package org.spinecds;

/**
 * A patient input is impossible, malformed or contradicts another input. The message names the
 * field (the input's JSON name, or a JSON path) and the offending value, never the whole record.
 */
public final class InvalidPatientException extends SpineCdsException {

    private final String field;

    private InvalidPatientException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** An error about one field. */
    public static InvalidPatientException of(String field, String format, Object... args) {
        return new InvalidPatientException(field, String.format(java.util.Locale.ROOT, format, args));
    }

    /** The JSON name or path of the field in error. */
    public String field() {
        return field;
    }
}
