package org.spinecds.cdshooks.internal;

/**
 * A request the service answers with an HTTP error: the status and a message for the client. The
 * message may quote what the client sent (which can be patient data), so it is returned to the client
 * and never logged, unless it was made {@link #loggable} from a text known to hold none.
 */
public final class HttpError extends Exception {

    private final int status;
    private final boolean loggable;
    private final String field;

    private HttpError(int status, String message, boolean loggable, String field) {
        super(message, null, false, false);
        this.status = status;
        this.loggable = loggable;
        this.field = field;
    }

    private HttpError(int status, String message) {
        this(status, message, false, null);
    }

    /**
     * 500: the rules failed on the patient. The message is an {@link org.spinecds.AssessmentException}'s,
     * which names rules and kinds of failure and never the patient's data, so the service logs it.
     */
    public static HttpError rulesFailed(org.spinecds.AssessmentException e) {
        return new HttpError(500, "the rules failed on this patient: " + e.getMessage(), true, null);
    }

    /** 400: the request is malformed; the message starts with the field in error. */
    public static HttpError badRequest(String field, String message) {
        return new HttpError(400, field + ": " + message, false, field);
    }

    /**
     * 400 for a request that breaks its schema: the violation's field as this service names fields
     * ({@code /feedback/0/card} is {@code feedback[0].card}, the request itself {@code $}).
     */
    public static HttpError badRequest(org.spinecds.json.SchemaCheck.Violation v) {
        return badRequest(v.path(), v.message());
    }

    /** 412: the data needed to judge the patient were not sent and cannot be fetched. */
    public static HttpError preconditionFailed(String message) {
        return new HttpError(412, message);
    }

    /** Any other status. */
    public static HttpError of(int status, String message) {
        return new HttpError(status, message);
    }

    public int status() {
        return status;
    }

    /**
     * The field of a malformed request (its path in the request, e.g. {@code context.patientId} or
     * {@code prefetch.conditions}), which says why it was refused without its values, so that it may be
     * logged; {@code null} for other errors.
     */
    public String field() {
        return field;
    }

    /** Whether the message holds nothing of the request, so that it may be logged. */
    public boolean loggable() {
        return loggable;
    }
}
